import { Field } from "type-graphql";
import { ContactInput } from "./contact.type";

/** An organisation's or expert's contact details; the service checks them (contactProblem), not class-validator. */
export function ContactField(options: { required?: boolean; description?: string } = {}): PropertyDecorator {
  const { required = false, description } = options;
  return Field(() => ContactInput, { ...(!required && { nullable: true }), ...(description !== undefined && { description }) });
}
