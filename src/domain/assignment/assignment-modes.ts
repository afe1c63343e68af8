/** How a department gives its new and transferred tickets an assignee (docs/assignment.md). */
export const ASSIGNMENT_MODES = ['manual', 'round_robin', 'least_loaded'] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];
