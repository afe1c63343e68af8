/**
 * The shapes of the mail administration API, taken from the server's presenters and
 * commands (type-only imports: nothing of the server reaches the bundle).
 */
import type { presentDepartment } from '../../../../../src/domain/departments/department.presenter.ts';
import type { presentMailbox } from '../../../../../src/domain/mailboxes/mailbox.presenter.ts';
import type { presentInbound, presentInboundSummary } from '../../../../../src/domain/mailboxes/inbound-message.presenter.ts';
import type { ConnectionTestResult } from '../../../../../src/domain/mailboxes/test-mailbox-connection.ts';
import type { presentDkim, presentOutgoingMail } from '../../../../../src/domain/outgoing-mail/outgoing-mail.presenter.ts';
import type { InboundStatus } from '../../../../../src/mail/inbound/inbound.repo.ts';
import type { TestMailResult } from '../../../../../src/mail/outbound/transports/send-test-mail.ts';

/** A department as admins get it (staff see the queue settings). */
export type AdminDepartment = Extract<ReturnType<typeof presentDepartment>, { addresses: string[] }>;
export type Mailbox = ReturnType<typeof presentMailbox>;
export type MailboxScan = { status: 'scanned' | 'skipped' | 'failed'; detail: string | null; counts: { fetched: number; stored: number; duplicates: number; errors: number }; mailbox: Mailbox };
export type ConnectionTest = ConnectionTestResult;
export type InboundSummary = ReturnType<typeof presentInboundSummary>;
export type Inbound = ReturnType<typeof presentInbound>;
export type { InboundStatus };
export type InboundCounts = Record<InboundStatus, number>;
export type OutgoingMail = ReturnType<typeof presentOutgoingMail>;
export type Dkim = ReturnType<typeof presentDkim>;
export type TestMail = TestMailResult;
export type Page<T> = { results: T[]; next_cursor: string | null };
/** A staff member, for choosing a department's default owner. */
export type StaffUser = { id: string; name: string; email: string; role: 'admin' | 'agent' | 'customer'; is_active: boolean };
