-- AlterTable
ALTER TABLE "Session" ADD COLUMN "recordingFile" TEXT;
ALTER TABLE "Session" ADD COLUMN "recordingSeconds" REAL;

-- CreateTable
CREATE TABLE "StageRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "citizenId" TEXT NOT NULL,
    "nickname" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'requested',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" DATETIME,
    "decidedById" TEXT,
    CONSTRAINT "StageRequest_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StageRequest_citizenId_fkey" FOREIGN KEY ("citizenId") REFERENCES "Citizen" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "StageRequest_sessionId_status_idx" ON "StageRequest"("sessionId", "status");

-- CreateIndex
CREATE INDEX "StageRequest_citizenId_idx" ON "StageRequest"("citizenId");

