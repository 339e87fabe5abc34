import { Inject, Injectable } from '@nestjs/common';
import { type HubConfig } from '../config/config.schema';
import { HUB_CONFIG } from '../config/config.tokens';
import { MappingRegistry } from '../mapping/mapping.registry';
import { Deadline } from './deadline';
import { Fanout } from './fanout';
import { SourceCaller } from './source-caller';
import { SourceLedger } from './source-ledger';

/** Starts one request's fan-out: a fresh deadline (`context.deadlineMs`) and ledger. */
@Injectable()
export class FanoutFactory {
  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(SourceCaller) private readonly caller: SourceCaller,
    @Inject(MappingRegistry) private readonly mappings: MappingRegistry,
  ) {}

  start(): Fanout {
    return new Fanout(
      this.caller,
      this.mappings,
      new Deadline(this.config.context.deadlineMs),
      new SourceLedger(),
    );
  }
}
