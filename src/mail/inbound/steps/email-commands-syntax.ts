/**
 * The command blocks of seed 001 in a mail body:
 *
 *   [INCIDENT]                     [WORKUNIT]
 *   GROUP: Soporte                 TIME_USED: 0.05
 *   ASSIGNED_TO: operador          [WORKUNIT]
 *   PRIORITY: 3
 *   STATUS: Assigned
 *   RESOLUTION: Invalid
 *   [INCIDENT]
 *
 * (the seed spells ASSIGNED_T0 with a zero; both are accepted). A block with any line
 * that is not `KEY: value` of a known key, or a value of the wrong form, is invalid as a
 * whole: nothing in it applies and its text stays in the message as a comment.
 */
export interface IncidentCommand { group?: string; assignedTo?: string; priority?: number; status?: string; resolution?: string }

export interface EmailCommands {
  incident: IncidentCommand | null;
  /** Hours, from [WORKUNIT] TIME_USED. */
  timeUsed: number | null;
  /** Problems that made a block invalid. */
  errors: string[];
  /** The body with the valid blocks taken out. */
  text: string;
}

const INCIDENT = /\[INCIDENT\]([\s\S]*?)\[INCIDENT\]/i;
const WORKUNIT = /\[WORKUNIT\]([\s\S]*?)\[WORKUNIT\]/i;
const KEYS: Record<string, keyof IncidentCommand> = {
  GROUP: 'group', ASSIGNED_TO: 'assignedTo', ASSIGNED_T0: 'assignedTo', PRIORITY: 'priority', STATUS: 'status', RESOLUTION: 'resolution',
};

export function parseEmailCommands(body: string): EmailCommands | null {
  const incidentBlock = INCIDENT.exec(body);
  const workBlock = WORKUNIT.exec(body);
  if (!incidentBlock && !workBlock) return null;
  const out: EmailCommands = { incident: null, timeUsed: null, errors: [], text: body };
  if (incidentBlock) {
    const parsed = parseIncident(incidentBlock[1]);
    if (typeof parsed === 'string') out.errors.push(`[INCIDENT]: ${parsed}`);
    else { out.incident = parsed; out.text = out.text.replace(incidentBlock[0], ''); }
  }
  if (workBlock) {
    const m = /^\s*TIME_USED\s*:\s*(\d+(?:[.,]\d+)?)\s*$/i.exec(workBlock[1].trim());
    const hours = m ? Number(m[1].replace(',', '.')) : NaN;
    if (!m || !(hours >= 0 && hours <= 1000)) out.errors.push('[WORKUNIT]: expected "TIME_USED: <hours>"');
    else { out.timeUsed = hours; out.text = out.text.replace(workBlock[0], ''); }
  }
  out.text = out.text.replace(/\n{3,}/g, '\n\n').trim();
  return out;
}

function parseIncident(block: string): IncidentCommand | string {
  const cmd: IncidentCommand = {};
  for (const raw of block.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^([A-Z_0-9]+)\s*:\s*(.+)$/i.exec(line);
    if (!m) return `"${line.slice(0, 60)}" is not KEY: value`;
    const key = KEYS[m[1].toUpperCase()];
    if (!key) return `unknown field ${m[1]}`;
    const value = m[2].trim();
    if (key === 'priority') {
      if (!/^[0-5]$/.test(value)) return 'PRIORITY must be a number from 0 to 5';
      cmd.priority = Number(value);
    } else cmd[key] = value;
  }
  return Object.keys(cmd).length ? cmd : 'the block is empty';
}
