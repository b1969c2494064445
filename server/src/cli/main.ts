// `npx mawaeed <command>`: the operator's tool. Every command uses the server's settings
// (DATABASE_URL, else the embedded database under DATA_DIR; server/src/config.ts).
import { program } from './program';

await program.parseAsync();
