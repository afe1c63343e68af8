/**
 * What bounces look like, as data: operators can add the wording of an MTA we
 * have not met without touching the parser. Matched case-insensitively.
 */
export const BOUNCE_PATTERNS = {
  /** Local parts and display names of the senders that return mail. */
  senders: [
    /^(mailer-daemon|mailer_daemon|maildaemon|postmaster|post_master|mail-daemon|mdaemon|bounces?|mailerdaemon)@/i,
  ],
  senderNames: [/^(mail delivery (system|subsystem|service)|mailer[- ]daemon|mail administrator|system administrator|postmaster)$/i],
  /** Subjects of delivery failure and delay notices, in several languages. */
  subjects: [
    /undeliver(able|ed)/i,
    /delivery (status notification|notification|failure|failed|has failed|problem|report)/i,
    /(mail|message) delivery (failed|failure|has failed)/i,
    /returned mail/i,
    /failure notice/i,
    /returning message to sender/i,
    /could not send message/i,
    /non[- ]?(remis|recapitabile|délivré|entregable)/i,
    /unzustellbar/i,
    /nicht zustellbar/i,
    /onbestelbaar/i,
    /no se puede entregar|imposible de entregar/i,
    /não (foi possível )?entreg/i,
    /mail system error/i,
    /delayed (mail|message)|message .* delayed|delivery delayed/i,
    /warning: message .* delayed/i,
    /mail failure/i,
    /rejected:|message (blocked|rejected)/i,
    /notice: mail delivery status/i,
    /not delivered|wasn't delivered|was not delivered/i,
  ],
  /** Sentences MTAs put at the top of a non-standard bounce. */
  bodyMarkers: [
    /this is the mail system at host/i,
    /i'm afraid i wasn't able to deliver your message/i,
    /i'm sorry to have to inform you that your message could not/i,
    /this message was created automatically by mail delivery software/i,
    /delivery to the following recipient(s)? (failed|has been delayed)/i,
    /(could|can) ?not be delivered to (one or more|the following|all)/i,
    /your message (could not|cannot|was not|wasn't) (be )?delivered/i,
    /the following (message|addresses|recipients?) (had|could not|was undeliverable|failed)/i,
    /unable to deliver (your )?message/i,
    /message (could not be|was not) delivered/i,
    /delivery has failed to these recipients/i,
    /permanent(ly)? (error|fatal|failure)/i,
    /this is a permanent error/i,
    /retry timeout exceeded/i,
    /your mail .* (could not|was not) be delivered/i,
    /sorry, we were unable to deliver/i,
    /message you sent (was|has been) (blocked|rejected)/i,
  ],
  /** Where the copy of the returned message starts: codes below it are not the failure. */
  returnedMessageMarkers: [
    /^-+ ?this is a copy of (the|your) message/i,
    /^-+ ?(original|returned|undelivered|rejected) message/i,
    /^-+ ?unsent message follows/i,
    /^-+ ?below this line is a copy of the message/i,
    /^-+ ?the (header|headers) of the original message/i,
    /^-+ ?original message (follows|headers)/i,
    /^original message (follows|headers)/i,
    /^content-type: message\/rfc822/i,
    /^(Received|Return-Path|DKIM-Signature|Message-I[Dd]|X-Original-To|Delivered-To):\s/,
  ],
  /** Delays and give-ups after retrying: the address itself may be fine. */
  temporaryText: [
    /delay(ed)?\b/i,
    /will (retry|try again|continue trying|keep trying)/i,
    /has not (yet )?been delivered/i,
    /retry time(out)? (not reached|exceeded)/i,
    /temporar(y|ily)/i,
    /expired|message has been in the queue too long/i,
    /cannot send message for \d+ (days?|hours?)/i,
    /hosts? ha(ve|s) been failing for a long time/i,
  ],
} as const;
