-- CreateTable
CREATE TABLE "AssessmentWeights" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "year" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "weights" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentWeights_year_version_key" ON "AssessmentWeights"("year", "version");

