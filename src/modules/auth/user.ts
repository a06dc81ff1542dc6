import { z } from "zod";
import type { UserRole, UserTable } from "../../db/schema.js";
import { MIN_PASSWORD_LENGTH } from "./password.js";
import { userRoles } from "./permissions.js";

export interface UserView {
  userId: string;
  email: string;
  name: string;
  role: UserRole;
  leadUserId: string | null;
  disabled: boolean;
  createdAt: string;
}

export function toUserView(row: UserTable): UserView {
  return {
    userId: row.user_id,
    email: row.email,
    name: row.name,
    role: row.role,
    leadUserId: row.lead_user_id,
    disabled: row.disabled_at !== null,
    createdAt: row.created_at,
  };
}

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email().max(254));
export const passwordSchema = z.string().min(MIN_PASSWORD_LENGTH).max(1024);

export const newUserSchema = z.strictObject({
  email: emailSchema,
  name: z.string().trim().min(1).max(200),
  role: z.enum(userRoles),
  password: passwordSchema.optional(),
});

export const userChangeSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  role: z.enum(userRoles).optional(),
  leadUserId: z.string().min(1).nullable().optional(),
  disabled: z.boolean().optional(),
});
