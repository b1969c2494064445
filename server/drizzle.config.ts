import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: [
    './src/db/schema.ts',
    './src/db/schema-staff.ts',
    './src/db/schema-hall.ts',
    './src/db/schema-waitlist.ts',
  ],
  out: './src/db/migrations',
  casing: 'snake_case',
});
