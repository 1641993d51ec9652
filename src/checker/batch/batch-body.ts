/**
 * The body of one batch request, from `ORDERS_BATCH_BODY`: every `{phones}` becomes the JSON array of
 * the batch's numbers (`{"phones":{phones}}` -> `{"phones":["13800001234","13800001235"]}`). The
 * template is split once, so a request costs one `JSON.stringify` and a join.
 */
export class BatchBodyTemplate {
  private readonly parts: readonly string[];

  constructor(template: string) {
    this.parts = template.split('{phones}');
  }

  render(phones: readonly string[]): string {
    return this.parts.join(JSON.stringify(phones));
  }
}
