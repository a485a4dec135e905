-- CreateTable
CREATE TABLE "ExperienceSummary" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "unitId" TEXT,
    "state" TEXT NOT NULL DEFAULT 'draft',
    "content" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "dueAt" DATETIME NOT NULL,
    "submittedAt" DATETIME,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "reason" TEXT,
    "decidedAt" DATETIME,
    "decidedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ExperienceSummary_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ExperienceSummaryVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "summaryId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "figures" TEXT NOT NULL,
    "submittedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submittedById" TEXT NOT NULL,
    "late" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "ExperienceSummaryVersion_summaryId_fkey" FOREIGN KEY ("summaryId") REFERENCES "ExperienceSummary" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ExperienceSummary_eventId_key" ON "ExperienceSummary"("eventId");

-- CreateIndex
CREATE INDEX "ExperienceSummary_unitId_state_idx" ON "ExperienceSummary"("unitId", "state");

-- CreateIndex
CREATE UNIQUE INDEX "ExperienceSummaryVersion_summaryId_number_key" ON "ExperienceSummaryVersion"("summaryId", "number");

