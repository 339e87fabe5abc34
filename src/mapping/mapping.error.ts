/** A mapping that cannot be loaded: stops boot, naming the file and the field. */
export class MappingDefinitionError extends Error {
  constructor(
    readonly file: string,
    readonly field: string | undefined,
    problem: string,
  ) {
    super(`${file}${field ? ` → ${field}` : ''}: ${problem}`);
    this.name = 'MappingDefinitionError';
  }
}

/** A vendor payload that the mapping could not turn into valid canonical data. */
export class MappingOutputError extends Error {
  constructor(
    readonly mapping: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(
      `${mapping} produced invalid canonical data: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    );
    this.name = 'MappingOutputError';
  }
}
