import type { Command } from './command';
import { completeCommand } from './complete';
import { evalCommand } from './eval';
import { midi2rollCommand, roll2midiCommand } from './midi-commands';
import { sampleCommand } from './sample';
import { trainCommand } from './train';

export type { Command } from './command';
export { evalCommand } from './eval';
export { completeCommand, barSteps } from './complete';
export { midi2rollCommand, roll2midiCommand } from './midi-commands';
export { sampleCommand } from './sample';
export { trainCommand } from './train';

/** Every sub-command of `rnn-nade`, in help order. Add a command by adding it here. */
export const COMMANDS: readonly Command[] = [trainCommand, evalCommand, sampleCommand, completeCommand, midi2rollCommand, roll2midiCommand];
