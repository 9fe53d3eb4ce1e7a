import { z } from 'zod';
import { nodeField } from '@/lib/forms/fields';

/** Schemas of the Hierarchy page, shared by its forms and its actions. */

const nameField = z.string().trim().min(1, 'Enter a name').max(100, 'At most 100 characters');

export const NODE_CHILD_TYPES = ['provider', 'reseller', 'customer', 'site'] as const;

/** "Add node": `node` is the parent (attacker-controlled, scope-checked by the wrapper). */
export const addNodeFormSchema = z.object({ node: nodeField, name: nameField, type: z.enum(NODE_CHILD_TYPES, { message: 'Choose a type' }) });

export const renameNodeFormSchema = z.object({ node: nodeField, name: nameField });

export const deleteNodeFormSchema = z.object({ node: nodeField });

export const NODE_LABELS = { name: 'Name', type: 'Type' } as const;
