import { TokenService } from "../../src/infra/auth/tokens";

// Verified tokens are remembered (their signature is checked once); what a token may do must not change by it.
const user = { id: 7, role: "ENTERPRISE", tokenVersion: 2, organizationId: null };

afterEach(() => jest.useRealTimers());

test("a token verifies the same the second time, from memory", async () => {
  const tokens = new TokenService("unit-secret-unit-secret-unit-secret-0123", 3600);
  const token = await tokens.sign(user);
  const first = await tokens.verify(token);
  expect(first).toMatchObject({ userId: 7, role: "ENTERPRISE", version: 2 });
  expect(await tokens.verify(token)).toEqual(first);
});

test("a remembered token still expires", async () => {
  jest.useFakeTimers({ now: new Date("2026-01-01T00:00:00Z") });
  const tokens = new TokenService("unit-secret-unit-secret-unit-secret-0123", 60);
  const token = await tokens.sign(user);
  await tokens.verify(token);
  jest.setSystemTime(new Date("2026-01-01T00:01:01Z"));
  await expect(tokens.verify(token)).rejects.toThrow(/expired/i);
});

test("another key's token, or a tampered one, is refused even after a good one was remembered", async () => {
  const tokens = new TokenService("unit-secret-unit-secret-unit-secret-0123", 3600);
  const token = await tokens.sign(user);
  await tokens.verify(token);
  const other = await new TokenService("other-secret-other-secret-other-secret-01", 3600).sign(user);
  await expect(tokens.verify(other)).rejects.toThrow(/invalid/i);
  await expect(tokens.verify(`${token.slice(0, -2)}xx`)).rejects.toThrow(/invalid/i);
});
