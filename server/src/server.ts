/**
 * Entry point of the language server: `node dist/server.cjs --stdio` (any LSP editor) or
 * `--node-ipc` (VS Code's client). The transport comes from the command line.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/startServer.js';

const connection = createConnection(ProposedFeatures.all);
startServer(connection);
connection.listen();
