/** The service-record module's public face: what other modules may import (docs/boundaries.md). */
export { readableServiceRecords } from "./service-record.service";
