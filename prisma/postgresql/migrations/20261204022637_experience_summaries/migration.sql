-- CreateTable
CREATE TABLE "ExperienceSummary" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "unitId" TEXT,
    "state" TEXT NOT NULL DEFAULT 'draft',
    "content" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "submittedAt" TIMESTAMP(3),
    "late" BOOLEAN NOT NULL DEFAULT false,
    "reason" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decidedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ExperienceSummary_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExperienceSummaryVersion" (
    "id" TEXT NOT NULL,
    "summaryId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "figures" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submittedById" TEXT NOT NULL,
    "late" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "ExperienceSummaryVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ExperienceSummary_eventId_key" ON "ExperienceSummary"("eventId");

-- CreateIndex
CREATE INDEX "ExperienceSummary_unitId_state_idx" ON "ExperienceSummary"("unitId", "state");

-- CreateIndex
CREATE UNIQUE INDEX "ExperienceSummaryVersion_summaryId_number_key" ON "ExperienceSummaryVersion"("summaryId", "number");

-- AddForeignKey
ALTER TABLE "ExperienceSummary" ADD CONSTRAINT "ExperienceSummary_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExperienceSummaryVersion" ADD CONSTRAINT "ExperienceSummaryVersion_summaryId_fkey" FOREIGN KEY ("summaryId") REFERENCES "ExperienceSummary"("id") ON DELETE CASCADE ON UPDATE CASCADE;

