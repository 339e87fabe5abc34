import { Module } from '@nestjs/common';
import { ContextModule } from '../context/context.module';
import { CardPageController } from './card-page.controller';
import { CardsController } from './cards.controller';
import { CardsService } from './cards.service';

/** The customer card served by the hub, and the signed links that open it (docs/doors/card.md). */
@Module({
  imports: [ContextModule],
  controllers: [CardsController, CardPageController],
  providers: [CardsService],
})
export class CardsModule {}
