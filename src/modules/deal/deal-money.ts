import { Decimal } from "../../generated/prisma/internal/prismaNamespace";
import { badInput } from "../../infra/errors";
import type { Money } from "../../schema/decimal";

const INT_LIMIT = new Decimal(2 ** 31);

/** An amount in its two columns: value (NUMERIC, the truth) and the deprecated Int, kept when it fits. */
export interface Amount {
  value: Money | null;
  int: number | null;
}

/**
 * The Decimal given, or the deprecated Int (old clients) turned into one. Both given must agree; the Int column is
 * filled (to the yuan) whenever the value is under 2^31, so old readers of `amount` keep seeing what they saw.
 */
export function amountOf(value: Money | null | undefined, int: number | null | undefined, field: string, intField: string): Amount {
  if (value != null && int != null && !new Decimal(value).equals(int)) throw badInput(intField, `${intField} and ${field} differ: give ${field} only`);
  const v = value ?? (int != null ? new Decimal(int).toFixed(2) : null);
  if (v === null) return { value: null, int: null };
  const d = new Decimal(v);
  return { value: v, int: d.lessThan(INT_LIMIT) ? d.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber() : null };
}
