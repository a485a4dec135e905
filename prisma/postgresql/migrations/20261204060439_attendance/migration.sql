-- CreateTable
CREATE TABLE "AttendanceSettings" (
    "eventId" TEXT NOT NULL,
    "signupOpen" BOOLEAN NOT NULL DEFAULT false,
    "signupDeadline" TIMESTAMP(3),
    "capacity" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AttendanceSettings_pkey" PRIMARY KEY ("eventId")
);

-- CreateTable
CREATE TABLE "Invitee" (
    "id" TEXT NOT NULL,
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
    "checkedInAt" TIMESTAMP(3),
    "checkedInById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Invitee_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Invitee_eventId_category_idx" ON "Invitee"("eventId", "category");

-- CreateIndex
CREATE UNIQUE INDEX "Invitee_eventId_phoneHash_key" ON "Invitee"("eventId", "phoneHash");

-- AddForeignKey
ALTER TABLE "AttendanceSettings" ADD CONSTRAINT "AttendanceSettings_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitee" ADD CONSTRAINT "Invitee_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

