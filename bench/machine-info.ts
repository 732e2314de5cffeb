import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';

/** What a reader needs to compare figures from two machines. */
export interface MachineInfo {
  readonly cpuModel: string;
  /** Logical CPUs the bench may use. */
  readonly cores: number;
  readonly ramBytes: number;
  readonly kernel: string;
  readonly node: string;
}

export function readMachineInfo(): MachineInfo {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  return {
    cpuModel: model,
    cores: os.availableParallelism(),
    ramBytes: os.totalmem(),
    kernel: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}
