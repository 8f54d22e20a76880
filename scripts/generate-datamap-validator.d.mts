/** Types of scripts/generate-datamap-validator.mjs (for the test that checks the generated file is current). */
export declare const SCHEMA_FILE: string;
export declare const GENERATED_FILE: string;
export declare const DATAMAP_AJV_OPTIONS: Readonly<{ allErrors: true; strict: true; verbose: true }>;
export declare function generateDataMapValidator(schemaText?: string): string;
