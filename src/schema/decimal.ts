import { GraphQLError, GraphQLScalarType, Kind } from "graphql";
import { Decimal as PrismaDecimal } from "../generated/prisma/internal/prismaNamespace";

/** NUMERIC(16,2): 14 digits of yuan and 2 of fen. */
const MONEY = /^(0|[1-9]\d{0,13})(\.\d{1,2})?$/;

/** A money amount as the API carries it: a string in yuan with two decimals ("3000000000.00"). */
export type Money = string;

/** Canonical text of a valid amount, or throws BAD_USER_INPUT (the variable's path names the field). */
export function parseMoney(value: unknown): Money {
  if (typeof value !== "string" || !MONEY.test(value.trim())) {
    throw new GraphQLError('Decimal: a string of yuan with at most two decimals, 0 to 99999999999999.99 (e.g. "3000000000.00")', {
      extensions: { code: "BAD_USER_INPUT" },
    });
  }
  return new PrismaDecimal(value.trim()).toFixed(2);
}

/** Any amount read from the database (Prisma's Decimal, numeric text, a number) as the API's text. */
export function formatMoney(value: unknown): Money {
  if (value instanceof PrismaDecimal) return value.toFixed(2);
  if (typeof value === "string" || typeof value === "number" || typeof value === "bigint") return new PrismaDecimal(String(value)).toFixed(2);
  if (value && typeof (value as { toFixed?: unknown }).toFixed === "function") return (value as { toFixed(n: number): string }).toFixed(2);
  throw new TypeError(`Decimal cannot represent ${String(value)}`);
}

/** Money never goes through a float: "3000000000.10" stays exactly that, and sums never overflow. */
export const DecimalScalar = new GraphQLScalarType<Money, Money>({
  name: "Decimal",
  description: 'Money in yuan: a string with up to two decimals, e.g. "3000000000.00".',
  serialize: formatMoney,
  parseValue: parseMoney,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError("Decimal: give the amount as a string", { extensions: { code: "BAD_USER_INPUT" } });
    return parseMoney(ast.value);
  },
});
