-- CreateTable
CREATE TABLE "HotlineDomain" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "HotlineDomain_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AppealType" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT,
    "deadlineDays" INTEGER NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "AppealType_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarDay" (
    "date" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "CalendarDay_pkey" PRIMARY KEY ("date")
);

-- CreateTable
CREATE TABLE "HotlineCall" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "operatorId" TEXT NOT NULL,
    "leader" TEXT NOT NULL,
    "callerNameCipher" TEXT,
    "phoneCipher" TEXT NOT NULL,
    "phoneHash" TEXT NOT NULL,
    "phoneMasked" TEXT NOT NULL,
    "domainId" TEXT NOT NULL,
    "appealTypeId" TEXT NOT NULL,
    "location" TEXT,
    "content" TEXT NOT NULL,
    "disposition" TEXT NOT NULL,
    "reply" TEXT,
    "repeatCount" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HotlineCall_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkOrder" (
    "id" TEXT NOT NULL,
    "callId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'assigned',
    "dueAt" TIMESTAMP(3) NOT NULL,
    "acceptedAt" TIMESTAMP(3),
    "reply" TEXT,
    "repliedAt" TIMESTAMP(3),
    "satisfaction" TEXT,
    "callbackNote" TEXT,
    "callbackAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "reopenCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WorkOrder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "HotlineDomain_code_key" ON "HotlineDomain"("code");

-- CreateIndex
CREATE UNIQUE INDEX "AppealType_code_key" ON "AppealType"("code");

-- CreateIndex
CREATE UNIQUE INDEX "HotlineCall_clientId_key" ON "HotlineCall"("clientId");

-- CreateIndex
CREATE INDEX "HotlineCall_sessionId_createdAt_idx" ON "HotlineCall"("sessionId", "createdAt");

-- CreateIndex
CREATE INDEX "HotlineCall_sessionId_phoneHash_idx" ON "HotlineCall"("sessionId", "phoneHash");

-- CreateIndex
CREATE UNIQUE INDEX "WorkOrder_callId_key" ON "WorkOrder"("callId");

-- CreateIndex
CREATE INDEX "WorkOrder_unitId_status_idx" ON "WorkOrder"("unitId", "status");

-- CreateIndex
CREATE INDEX "WorkOrder_status_dueAt_idx" ON "WorkOrder"("status", "dueAt");

-- AddForeignKey
ALTER TABLE "HotlineCall" ADD CONSTRAINT "HotlineCall_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HotlineCall" ADD CONSTRAINT "HotlineCall_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HotlineCall" ADD CONSTRAINT "HotlineCall_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "HotlineDomain"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HotlineCall" ADD CONSTRAINT "HotlineCall_appealTypeId_fkey" FOREIGN KEY ("appealTypeId") REFERENCES "AppealType"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkOrder" ADD CONSTRAINT "WorkOrder_callId_fkey" FOREIGN KEY ("callId") REFERENCES "HotlineCall"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkOrder" ADD CONSTRAINT "WorkOrder_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

