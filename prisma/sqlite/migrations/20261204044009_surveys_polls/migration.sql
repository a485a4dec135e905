-- CreateTable
CREATE TABLE "Survey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "unitId" TEXT NOT NULL,
    "eventId" TEXT,
    "placement" TEXT NOT NULL DEFAULT 'standalone',
    "title" TEXT NOT NULL,
    "intro" TEXT NOT NULL DEFAULT '',
    "department" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'draft',
    "opensAt" DATETIME,
    "closesAt" DATETIME,
    "access" TEXT NOT NULL DEFAULT 'device',
    "resultsPublishedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Survey_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Survey_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SurveyVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "surveyId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "definition" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SurveyVersion_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SurveyResponse" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "surveyId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "deviceHash" TEXT,
    "inviteId" TEXT,
    "channel" TEXT NOT NULL DEFAULT 'online',
    "enteredById" TEXT,
    "paperRef" TEXT NOT NULL DEFAULT '',
    "ipHash" TEXT,
    "answers" TEXT NOT NULL,
    "valid" BOOLEAN NOT NULL DEFAULT true,
    "invalidReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SurveyResponse_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SurveyResponse_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "SurveyVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SurveyResponse_inviteId_fkey" FOREIGN KEY ("inviteId") REFERENCES "SurveyInvite" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SurveyInvite" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "surveyId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "label" TEXT NOT NULL DEFAULT '',
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SurveyInvite_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SurveyText" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "surveyId" TEXT NOT NULL,
    "responseId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "sensitiveHits" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "moderatedById" TEXT,
    "moderatedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SurveyText_surveyId_fkey" FOREIGN KEY ("surveyId") REFERENCES "Survey" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SurveyText_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "SurveyResponse" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Poll" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "visibility" TEXT NOT NULL DEFAULT 'always',
    "state" TEXT NOT NULL DEFAULT 'draft',
    "round" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Poll_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PollRound" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "pollId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "openedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" DATETIME,
    "results" TEXT,
    CONSTRAINT "PollRound_pollId_fkey" FOREIGN KEY ("pollId") REFERENCES "Poll" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PollVote" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "deviceHash" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PollVote_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "PollRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Survey_unitId_idx" ON "Survey"("unitId");

-- CreateIndex
CREATE INDEX "Survey_eventId_idx" ON "Survey"("eventId");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyVersion_surveyId_number_key" ON "SurveyVersion"("surveyId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyResponse_inviteId_key" ON "SurveyResponse"("inviteId");

-- CreateIndex
CREATE INDEX "SurveyResponse_surveyId_createdAt_idx" ON "SurveyResponse"("surveyId", "createdAt");

-- CreateIndex
CREATE INDEX "SurveyResponse_surveyId_ipHash_idx" ON "SurveyResponse"("surveyId", "ipHash");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyResponse_surveyId_deviceHash_key" ON "SurveyResponse"("surveyId", "deviceHash");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyResponse_surveyId_clientId_key" ON "SurveyResponse"("surveyId", "clientId");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyInvite_codeHash_key" ON "SurveyInvite"("codeHash");

-- CreateIndex
CREATE INDEX "SurveyInvite_surveyId_idx" ON "SurveyInvite"("surveyId");

-- CreateIndex
CREATE INDEX "SurveyText_surveyId_status_idx" ON "SurveyText"("surveyId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyText_responseId_questionId_key" ON "SurveyText"("responseId", "questionId");

-- CreateIndex
CREATE INDEX "Poll_sessionId_idx" ON "Poll"("sessionId");

-- CreateIndex
CREATE UNIQUE INDEX "Poll_sessionId_clientId_key" ON "Poll"("sessionId", "clientId");

-- CreateIndex
CREATE UNIQUE INDEX "PollRound_pollId_number_key" ON "PollRound"("pollId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "PollVote_roundId_deviceHash_key" ON "PollVote"("roundId", "deviceHash");

