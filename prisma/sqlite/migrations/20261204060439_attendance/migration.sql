-- CreateTable
CREATE TABLE "AttendanceSettings" (
    "eventId" TEXT NOT NULL PRIMARY KEY,
    "signupOpen" BOOLEAN NOT NULL DEFAULT false,
    "signupDeadline" DATETIME,
    "capacity" INTEGER,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AttendanceSettings_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Invitee" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "org" TEXT NOT NULL DEFAULT '',
    "phoneCipher" TEXT,
    "phoneMasked" TEXT NOT NULL DEFAULT '',
    "phoneHash" TEXT,
    "source" TEXT NOT NULL DEFAULT 'manual',
    "status" TEXT NOT NULL DEFAULT 'confirmed',
    "codeNonce" TEXT NOT NULL,
    "checkedInAt" DATETIME,
    "checkedInById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Invitee_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Invitee_eventId_category_idx" ON "Invitee"("eventId", "category");

-- CreateIndex
CREATE UNIQUE INDEX "Invitee_eventId_phoneHash_key" ON "Invitee"("eventId", "phoneHash");

