// One mechanism for leftovers, on start and on a timer: containers, images, volumes and networks
// of dead workers or past their expiry, and the work folders with the same labels.
import { sweepWorkFolders } from "../pipeline/work-folders";
import type { SandboxDriver } from "../sandbox/driver";
import { dataPath } from "../settings";

export class Sweeper {
  private running: Promise<void> | null = null;

  constructor(
    private readonly driver: SandboxDriver,
    private readonly workRoot: string = dataPath("work"),
    private readonly log: (line: string) => void,
  ) {}

  run(): Promise<void> {
    this.running ??= this.sweep().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  async idle(): Promise<void> {
    await this.running;
  }

  private async sweep(): Promise<void> {
    try {
      const swept = await this.driver.sweep();
      const folders = await sweepWorkFolders(this.workRoot);
      if (swept.containers + swept.images + swept.volumes + swept.networks + folders > 0) {
        this.log(
          `removed leftovers: ${swept.containers} containers, ${swept.images} images, ${swept.volumes} volumes, ${swept.networks} networks, ${folders} work folders`,
        );
      }
    } catch (error) {
      this.log(`sweep failed (tried again on the next tick): ${(error as Error).message}`);
    }
  }
}
