-- AlterTable
ALTER TABLE "EventGuest" ADD COLUMN "photoId" TEXT;

-- AlterTable
ALTER TABLE "Upload" ADD COLUMN "eventId" TEXT;

-- CreateTable
CREATE TABLE "PlanYear" (
    "year" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "months" TEXT NOT NULL,
    "deadline" DATETIME NOT NULL,
    "notice" TEXT NOT NULL DEFAULT '',
    "previewDays" INTEGER NOT NULL DEFAULT 3,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Proposal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "year" INTEGER NOT NULL,
    "unitId" TEXT NOT NULL,
    "theme" TEXT NOT NULL DEFAULT '',
    "month" INTEGER,
    "halfDay" TEXT NOT NULL DEFAULT 'am',
    "form" TEXT,
    "steps" TEXT NOT NULL DEFAULT '',
    "contactsCipher" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'draft',
    "revision" INTEGER NOT NULL DEFAULT 0,
    "submittedRevision" INTEGER,
    "submittedAt" DATETIME,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "returnReason" TEXT,
    "decidedAt" DATETIME,
    "decidedById" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Proposal_year_fkey" FOREIGN KEY ("year") REFERENCES "PlanYear" ("year") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Proposal_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProposalJointUnit" (
    "proposalId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,

    PRIMARY KEY ("proposalId", "unitId"),
    CONSTRAINT "ProposalJointUnit_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProposalJointUnit_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProposalVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "proposalId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "contactsCipher" TEXT NOT NULL DEFAULT '',
    "late" BOOLEAN NOT NULL DEFAULT false,
    "submittedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submittedById" TEXT NOT NULL,
    CONSTRAINT "ProposalVersion_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "UnitNotice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "unitId" TEXT NOT NULL,
    "year" INTEGER,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" DATETIME,
    CONSTRAINT "UnitNotice_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlanEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "year" INTEGER NOT NULL,
    "proposalId" TEXT NOT NULL,
    "month" INTEGER NOT NULL,
    "startsAt" DATETIME,
    "endsAt" DATETIME,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PlanEntry_year_fkey" FOREIGN KEY ("year") REFERENCES "PlanYear" ("year") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "PlanEntry_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlanRevision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "year" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "snapshot" TEXT NOT NULL,
    "publishedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedById" TEXT NOT NULL,
    CONSTRAINT "PlanRevision_year_fkey" FOREIGN KEY ("year") REFERENCES "PlanYear" ("year") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Event" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "year" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "theme" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "form" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'planned',
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "location" TEXT NOT NULL DEFAULT '',
    "signup" TEXT NOT NULL DEFAULT '',
    "previewDays" INTEGER NOT NULL DEFAULT 3,
    "proposalId" TEXT,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "cancelledAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Event_proposalId_fkey" FOREIGN KEY ("proposalId") REFERENCES "Proposal" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Event" ("createdAt", "endsAt", "form", "id", "location", "month", "startsAt", "status", "summary", "theme", "year") SELECT "createdAt", "endsAt", "form", "id", "location", "month", "startsAt", "status", "summary", "theme", "year" FROM "Event";
DROP TABLE "Event";
ALTER TABLE "new_Event" RENAME TO "Event";
CREATE UNIQUE INDEX "Event_proposalId_key" ON "Event"("proposalId");
CREATE INDEX "Event_year_month_idx" ON "Event"("year", "month");
CREATE TABLE "new_Question" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "citizenId" TEXT NOT NULL,
    "nickname" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "sensitiveHits" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "rejectReason" TEXT,
    "mergedIntoId" TEXT,
    "upvotes" INTEGER NOT NULL DEFAULT 0,
    "answer" TEXT,
    "answeredBy" TEXT,
    "moderatedById" TEXT,
    "approvedAt" DATETIME,
    "answeredAt" DATETIME,
    "replyDueAt" DATETIME,
    "preEvent" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Question_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Question_citizenId_fkey" FOREIGN KEY ("citizenId") REFERENCES "Citizen" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Question" ("answer", "answeredAt", "answeredBy", "approvedAt", "body", "citizenId", "clientId", "createdAt", "id", "mergedIntoId", "moderatedById", "nickname", "rejectReason", "replyDueAt", "sensitiveHits", "sessionId", "status", "updatedAt", "upvotes") SELECT "answer", "answeredAt", "answeredBy", "approvedAt", "body", "citizenId", "clientId", "createdAt", "id", "mergedIntoId", "moderatedById", "nickname", "rejectReason", "replyDueAt", "sensitiveHits", "sessionId", "status", "updatedAt", "upvotes" FROM "Question";
DROP TABLE "Question";
ALTER TABLE "new_Question" RENAME TO "Question";
CREATE INDEX "Question_sessionId_status_idx" ON "Question"("sessionId", "status");
CREATE UNIQUE INDEX "Question_sessionId_clientId_key" ON "Question"("sessionId", "clientId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Proposal_year_status_idx" ON "Proposal"("year", "status");

-- CreateIndex
CREATE INDEX "Proposal_unitId_year_idx" ON "Proposal"("unitId", "year");

-- CreateIndex
CREATE INDEX "ProposalJointUnit_unitId_idx" ON "ProposalJointUnit"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "ProposalVersion_proposalId_number_key" ON "ProposalVersion"("proposalId", "number");

-- CreateIndex
CREATE INDEX "UnitNotice_unitId_readAt_idx" ON "UnitNotice"("unitId", "readAt");

-- CreateIndex
CREATE UNIQUE INDEX "PlanEntry_proposalId_key" ON "PlanEntry"("proposalId");

-- CreateIndex
CREATE INDEX "PlanEntry_year_month_idx" ON "PlanEntry"("year", "month");

-- CreateIndex
CREATE UNIQUE INDEX "PlanRevision_year_number_key" ON "PlanRevision"("year", "number");

