-- A docking's invitation had no foreign key: dockings whose invitation is gone keep their meeting and lose the link
-- (as ON DELETE SET NULL does from now on), so that the constraint can be added over existing rows.
UPDATE "Docking" d SET "invitationId" = NULL
WHERE d."invitationId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Invitation" i WHERE i.id = d."invitationId");

-- CreateIndex
CREATE INDEX "Docking_invitationId_idx" ON "Docking"("invitationId");

-- AddForeignKey
ALTER TABLE "Docking" ADD CONSTRAINT "Docking_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "Invitation"("id") ON DELETE SET NULL ON UPDATE CASCADE;
