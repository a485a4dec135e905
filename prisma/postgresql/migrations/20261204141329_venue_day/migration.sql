-- AlterTable
ALTER TABLE "ReplyTask" ADD COLUMN     "opinionId" TEXT,
ALTER COLUMN "questionId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "AgendaItem" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3),
    "title" TEXT NOT NULL,
    "place" TEXT NOT NULL DEFAULT '',
    "speaker" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "AgendaItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Opinion" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Opinion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventPhoto" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "uploadId" TEXT NOT NULL,
    "caption" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EventPhoto_pkey" PRIMARY KEY ("id")
);

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

-- CreateIndex
CREATE UNIQUE INDEX "ReplyTask_opinionId_key" ON "ReplyTask"("opinionId");

-- AddForeignKey
ALTER TABLE "ReplyTask" ADD CONSTRAINT "ReplyTask_opinionId_fkey" FOREIGN KEY ("opinionId") REFERENCES "Opinion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Opinion" ADD CONSTRAINT "Opinion_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventPhoto" ADD CONSTRAINT "EventPhoto_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

