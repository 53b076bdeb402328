import type { DemoChannel } from './channel';
import { demo12315 } from './channel-12315';
import { demo12328 } from './channel-12328';
import { demo12333 } from './channel-12333';
import { demoBoard } from './channel-board';
import { pushDemoChannel } from './channel-push';
import { demoXf } from './channel-xf';

/**
 * The channels the demo trickle feeds. A new channel is one entry: a pull channel as
 * `pullDemoChannel(code, start)` over its simulator (see channel-12315.ts), a push channel as
 * `pushDemoChannel(code)`.
 */
export const DEMO_CHANNELS: readonly DemoChannel[] = [demo12315, demo12333, demo12328, demoBoard, demoXf, pushDemoChannel('wzgz')];
