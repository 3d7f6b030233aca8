import { badInput } from "../../infra/errors";

/** What the database keeps in the `contact` column of Enterprise, Society, InnovationPlatform and Expert. */
export interface ContactJson {
  person: string;
  phone: string | null;
  email: string | null;
}

// Mainland mobiles (13812345678), landlines with area code (0377-63123456, 0377 6312 3456), +86 and extensions.
const PHONE = /^(\+?86[- ]?)?(1[3-9]\d{9}|0\d{2,3}[- ]?\d{7,8}([- ]?\d{1,6})?|\d{7,8})$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The problem with a contact, as [field suffix, message in Chinese], or null. */
export function contactProblem(input: { person?: unknown; phone?: unknown; email?: unknown }): [string, string] | null {
  const person = typeof input.person === "string" ? input.person.trim() : "";
  if (person.length < 1 || person.length > 50) return ["person", "联系人须为 1 至 50 个字"];
  const phone = typeof input.phone === "string" ? input.phone.trim() : "";
  if (phone && !PHONE.test(phone.replace(/[()（）]/g, ""))) return ["phone", "联系电话格式不正确（手机号或带区号的固定电话）"];
  const email = typeof input.email === "string" ? input.email.trim() : "";
  if (email && (email.length > 200 || !EMAIL.test(email))) return ["email", "电子邮箱格式不正确"];
  return null;
}

/** The contact as stored (trimmed, blanks as null); BAD_USER_INPUT naming `field`.person / .phone / .email. */
export function normaliseContact(input: { person: string; phone?: string | null; email?: string | null }, field: string): ContactJson {
  const problem = contactProblem(input);
  if (problem) throw badInput(`${field}.${problem[0]}`, `${field}.${problem[0]}: ${problem[1]}`);
  return { person: input.person.trim(), phone: input.phone?.trim() || null, email: input.email?.trim().toLowerCase() || null };
}

// Who may read a contact: modules/access/contact-access.ts (the policy's contact rules).
