'use server';

import { defineAction } from '@/lib/actions';
import { addNode, deleteNode, listNodeChildren, renameNode } from '@/lib/hierarchy/commands';

export const addNodeAction = defineAction(addNode);
export const renameNodeAction = defineAction(renameNode);
export const deleteNodeAction = defineAction(deleteNode);
export const listNodeChildrenAction = defineAction(listNodeChildren);
