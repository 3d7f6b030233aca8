import { MUTATIONS } from "./support/calls";

/**
 * The mutations split between two fuzz files so that jest runs them side by side. Every mutation of the
 * schema is in one group: a new mutation lands in the workflow group until someone moves it.
 */
export const DIRECTORY = [
  "createEnterprise",
  "createExpert",
  "updateExpert",
  "setExpertActive",
  "createPlatform",
  "setPlatformActive",
  "createSociety",
  "createUser",
  "login",
  "changePassword",
  "deactivateUser",
];

export const WORKFLOW = MUTATIONS.filter((m) => !DIRECTORY.includes(m));
