-- CreateTable
CREATE TABLE "SessionViewer" (
    "sessionId" TEXT NOT NULL,
    "viewerKey" TEXT NOT NULL,
    "firstAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("sessionId", "viewerKey")
);

