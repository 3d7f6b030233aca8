import { registerEnumType } from "type-graphql";
import {
  MatchStatus,
  NeedKind,
  NeedStatus,
  PlatformKind,
  ResponseStatus,
  Role,
  SocietyKind,
  SocietyLevel,
  SupplierKind,
  Visibility,
  EnterpriseDesignation,
  ServiceKind,
} from "../generated/prisma/enums";

// The database enums are the API enums: one list of values, declared once in schema.prisma.
registerEnumType(Role, { name: "Role" });
registerEnumType(SocietyLevel, { name: "SocietyLevel" });
registerEnumType(SocietyKind, { name: "SocietyKind", description: "学会 / 企业科协 / 行业协会" });
registerEnumType(PlatformKind, { name: "PlatformKind" });
registerEnumType(NeedKind, { name: "NeedKind" });
registerEnumType(NeedStatus, { name: "NeedStatus" });
registerEnumType(Visibility, { name: "Visibility" });
registerEnumType(SupplierKind, { name: "SupplierKind" });
registerEnumType(MatchStatus, { name: "MatchStatus" });
registerEnumType(ResponseStatus, { name: "ResponseStatus" });
registerEnumType(EnterpriseDesignation, { name: "EnterpriseDesignation" });
registerEnumType(ServiceKind, { name: "ServiceKind" });

export {
  MatchStatus,
  NeedKind,
  NeedStatus,
  PlatformKind,
  ResponseStatus,
  Role,
  SocietyKind,
  SocietyLevel,
  SupplierKind,
  Visibility,
  EnterpriseDesignation,
  ServiceKind,
};
