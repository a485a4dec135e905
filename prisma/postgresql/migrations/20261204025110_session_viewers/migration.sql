-- CreateTable
CREATE TABLE "SessionViewer" (
    "sessionId" TEXT NOT NULL,
    "viewerKey" TEXT NOT NULL,
    "firstAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SessionViewer_pkey" PRIMARY KEY ("sessionId","viewerKey")
);

