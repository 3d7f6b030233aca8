/** The enterprise module's public face: what other modules may import (docs/boundaries.md). */
export { creditCodeProblem } from "./credit-code";
export { briefEnterpriseSuffices } from "./enterprise.columns";
export { CreditCodeField } from "./enterprise.fields";
export { CreateEnterpriseInput } from "./enterprise.input";
export { Enterprise } from "./enterprise.type";
