'use server';

import { defineAction } from '@/lib/actions';
import { changeOwnPasswordDef } from '@/lib/auth/commands';

/** A signed-in account changes its own password; its other sessions end and this one is rotated. */
export const changeOwnPasswordAction = defineAction(changeOwnPasswordDef);
