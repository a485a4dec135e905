-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "recordingFile" TEXT,
ADD COLUMN     "recordingSeconds" DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "StageRequest" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "citizenId" TEXT NOT NULL,
    "nickname" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'requested',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),
    "decidedById" TEXT,

    CONSTRAINT "StageRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StageRequest_sessionId_status_idx" ON "StageRequest"("sessionId", "status");

-- CreateIndex
CREATE INDEX "StageRequest_citizenId_idx" ON "StageRequest"("citizenId");

-- AddForeignKey
ALTER TABLE "StageRequest" ADD CONSTRAINT "StageRequest_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StageRequest" ADD CONSTRAINT "StageRequest_citizenId_fkey" FOREIGN KEY ("citizenId") REFERENCES "Citizen"("id") ON DELETE CASCADE ON UPDATE CASCADE;

