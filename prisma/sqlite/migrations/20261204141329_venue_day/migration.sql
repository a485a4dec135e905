-- CreateTable
CREATE TABLE "AgendaItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME,
    "title" TEXT NOT NULL,
    "place" TEXT NOT NULL DEFAULT '',
    "speaker" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "AgendaItem_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Opinion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "inviteeId" TEXT,
    "category" TEXT NOT NULL,
    "speaker" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "hits" TEXT NOT NULL DEFAULT '[]',
    "recordedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Opinion_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EventPhoto" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "uploadId" TEXT NOT NULL,
    "caption" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EventPhoto_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ReplyTask" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "questionId" TEXT,
    "opinionId" TEXT,
    "sessionId" TEXT NOT NULL,
    "unitId" TEXT,
    "dueAt" DATETIME NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'open',
    "draft" TEXT NOT NULL DEFAULT '',
    "revision" INTEGER NOT NULL DEFAULT 0,
    "reason" TEXT,
    "pendingById" TEXT,
    "pendingNote" TEXT NOT NULL DEFAULT '',
    "firstPublishedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ReplyTask_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "Question" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReplyTask_opinionId_fkey" FOREIGN KEY ("opinionId") REFERENCES "Opinion" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReplyTask_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_ReplyTask" ("createdAt", "draft", "dueAt", "firstPublishedAt", "id", "pendingById", "pendingNote", "questionId", "reason", "revision", "sessionId", "state", "unitId", "updatedAt") SELECT "createdAt", "draft", "dueAt", "firstPublishedAt", "id", "pendingById", "pendingNote", "questionId", "reason", "revision", "sessionId", "state", "unitId", "updatedAt" FROM "ReplyTask";
DROP TABLE "ReplyTask";
ALTER TABLE "new_ReplyTask" RENAME TO "ReplyTask";
CREATE UNIQUE INDEX "ReplyTask_questionId_key" ON "ReplyTask"("questionId");
CREATE UNIQUE INDEX "ReplyTask_opinionId_key" ON "ReplyTask"("opinionId");
CREATE INDEX "ReplyTask_unitId_state_idx" ON "ReplyTask"("unitId", "state");
CREATE INDEX "ReplyTask_sessionId_idx" ON "ReplyTask"("sessionId");
CREATE INDEX "ReplyTask_state_dueAt_idx" ON "ReplyTask"("state", "dueAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "AgendaItem_eventId_position_idx" ON "AgendaItem"("eventId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Opinion_clientId_key" ON "Opinion"("clientId");

-- CreateIndex
CREATE INDEX "Opinion_eventId_createdAt_idx" ON "Opinion"("eventId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "EventPhoto_uploadId_key" ON "EventPhoto"("uploadId");

-- CreateIndex
CREATE INDEX "EventPhoto_eventId_position_idx" ON "EventPhoto"("eventId", "position");

