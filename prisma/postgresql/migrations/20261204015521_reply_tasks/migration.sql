-- CreateTable
CREATE TABLE "ReplyTask" (
    "id" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "unitId" TEXT,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'open',
    "draft" TEXT NOT NULL DEFAULT '',
    "revision" INTEGER NOT NULL DEFAULT 0,
    "reason" TEXT,
    "pendingById" TEXT,
    "pendingNote" TEXT NOT NULL DEFAULT '',
    "firstPublishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReplyTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReplyVersion" (
    "id" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "writtenById" TEXT NOT NULL,
    "checkedById" TEXT,

    CONSTRAINT "ReplyVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReplyTask_questionId_key" ON "ReplyTask"("questionId");

-- CreateIndex
CREATE INDEX "ReplyTask_unitId_state_idx" ON "ReplyTask"("unitId", "state");

-- CreateIndex
CREATE INDEX "ReplyTask_sessionId_idx" ON "ReplyTask"("sessionId");

-- CreateIndex
CREATE INDEX "ReplyTask_state_dueAt_idx" ON "ReplyTask"("state", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReplyVersion_taskId_number_key" ON "ReplyVersion"("taskId", "number");

-- AddForeignKey
ALTER TABLE "ReplyTask" ADD CONSTRAINT "ReplyTask_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "Question"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReplyTask" ADD CONSTRAINT "ReplyTask_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReplyVersion" ADD CONSTRAINT "ReplyVersion_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "ReplyTask"("id") ON DELETE CASCADE ON UPDATE CASCADE;

