/** The audit module's public face: what other modules may import (docs/boundaries.md). */
export { auditInsertSql, changedFields, recordAudit, recordAudits } from "./audit.service";
