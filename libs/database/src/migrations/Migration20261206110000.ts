import { Migration } from '@mikro-orm/migrations';

/**
 * Delivery attempts recorded before the egress rule kept the network's own
 * message (`fetch failed: ECONNREFUSED 10.0.0.7:6379`): the log answered
 * which internal ports were open. Reduce them to the categories recorded now.
 */
export class Migration20261206110000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`update "webhook_deliveries" set "error" = 'HTTP ' || "status_code" where "status_code" is not null and "error" like 'the receiver answered %';`);
    this.addSql(`update "webhook_deliveries" set "error" = 'connection failed' where "error" is not null and "status_code" is null and "error" not in ('timed out', 'connection failed', 'name not resolved', 'target refused: internal address');`);
  }

  override async down(): Promise<void> {
    // The old messages are gone on purpose; the categories read fine to the old code.
  }

}
