/**
 * CommandFinished: what CommunicatorServer.Start writes on the response stream when the remote
 * command ends (`gob.NewEncoder(responseC).Encode(&CommandFinished{ExitStatus})`). Unlike every
 * other Communicator message it is gob, in both protocol modes, so it goes through the gob codec.
 *
 * Go numbers gob types from a process-wide counter, so the type id the plugin sends depends on
 * what else the plugin's process encoded first; pass the id to reproduce a given stream.
 */
import { GobEncoder } from '../gob/encoder.js';
import { decodeGob } from '../gob/decoder.js';
import { goInt, goStruct } from '../gob/gotype.js';
import { IdSpace } from '../gob/idspace.js';
import type { CommandFinished } from './messages.js';

/** rpc.CommandFinished for the gob codec (gob sends the type's Name(), "CommandFinished"). */
const CommandFinishedGob = goStruct('CommandFinished', { ExitStatus: goInt }, { str: 'rpc.CommandFinished' });

export interface CommandFinishedOptions {
  /** The gob type id for CommandFinished (default 65, the first user id of a fresh process). */
  typeId?: number;
}

/** The gob stream Go writes for `&CommandFinished{ExitStatus}`. */
export function encodeCommandFinished(v: CommandFinished, opts: CommandFinishedOptions = {}): Uint8Array {
  const enc = new GobEncoder(opts.typeId === undefined ? {} : { ids: new IdSpace(opts.typeId) });
  return enc.encode(CommandFinishedGob, v);
}

/** Reads the gob stream of one CommandFinished. Throws WireError (codec 'gob') on bad input. */
export function decodeCommandFinished(bytes: Uint8Array): CommandFinished {
  return decodeGob<CommandFinished>(CommandFinishedGob, bytes);
}
