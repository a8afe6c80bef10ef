import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { AccessControl } from '../access/access-control';
import { AuthenticationError } from '../access/authenticate';
import { AuditWriter, DEFAULT_AUDIT_WRITER_OPTIONS, type AuditWriterOptions } from '../access/audit-writer';
import { eraseCustomer } from '../access/erasure';
import { checkPolicyAgainstSchema } from '../access/policy-file';
import { RequestAudit } from '../access/request-audit';
import { guardSchema } from '../access/shield';
import type { GraphQLContext } from '../graphql/context';
import { createLoaders } from '../graphql/loaders';
import type { ProjectConfig } from '../config/sources';
import type { Logger } from '../logging';
import { ingestPushedRecords } from '../pipeline/ingest-push';
import { stewardActions } from '../pipeline/steward-actions';
import { buildQualityReport } from '../pipeline/quality-report';
import type { Database } from '../store/database';
import { createRepositories } from '../store/repositories';
import { auditReadsPlugin } from './audit-plugin';
import { DEFAULT_QUERY_LIMITS, queryLimitProtection, type QueryLimits } from '../graphql/limits';
import { graphiqlHtml, loadGraphiqlAssets } from './graphiql-page';
import { createErrorFormatter, responseStatus } from './graphql-responses';

export interface ServerOptions {
  db: Database;
  /** The unguarded schema; field rules and masking from `access` are applied here. */
  schema: GraphQLSchema;
  access: AccessControl;
  /** Sources config; its `push` sources accept the ingestRecords mutation. */
  config?: ProjectConfig;
  logger: Logger;
  port: number;
  host?: string;
  /** Include stack traces and internal error messages in errors; never in production. */
  development?: boolean;
  /** Depth, alias, cost, directive and token limits; DEFAULT_QUERY_LIMITS when absent. */
  limits?: QueryLimits;
  /** Batching of read audit entries; DEFAULT_AUDIT_WRITER_OPTIONS when absent. */
  audit?: Partial<AuditWriterOptions>;
}

export interface RunningServer {
  url: string;
  port: number;
  /** Stops accepting connections, then writes the audit entries still queued. */
  close(): Promise<void>;
  /** Resolves once every read audit entry queued so far is stored. */
  flushAudit(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw Object.assign(new Error('request body too large'), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function wantsHtml(req: http.IncomingMessage): boolean {
  return req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** HTTP front: GraphQL at /graphql (GraphiQL for browsers), /healthz, and the GraphiQL assets. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { db, logger, access } = options;
  checkPolicyAgainstSchema(access.policy, options.schema, access.policyOrigin);
  const repos = createRepositories(db.knex);
  const limits = queryLimitProtection(options.limits ?? DEFAULT_QUERY_LIMITS);
  const auditWriter = new AuditWriter(repos.auditLog, logger, { ...DEFAULT_AUDIT_WRITER_OPTIONS, ...options.audit });
  const apollo = new ApolloServer<GraphQLContext>({
    schema: guardSchema(options.schema, access.policy),
    includeStacktraceInErrorResponses: options.development ?? false,
    // GraphiQL, codegen and federation tooling read the schema by introspection. Apollo would turn
    // it off whenever NODE_ENV is `production`, which the CLI now sets by default.
    introspection: true,
    formatError: createErrorFormatter(logger, options.development ?? false),
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    allowBatchedHttpRequests: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // No cache hints are used; the default cache-control plugin would still hook every field.
      ApolloServerPluginCacheControlDisabled(),
      auditReadsPlugin(auditWriter, logger),
      ...limits.plugins,
    ],
    logger: {
      debug: (msg) => logger.debug(msg),
      info: (msg) => logger.info(msg),
      warn: (msg) => logger.warn(msg),
      error: (msg) => logger.error(msg),
    },
  });
  await apollo.start();
  const assets = loadGraphiqlAssets();
  const ingest: GraphQLContext['ingest'] = async (sourceName, records) => {
    const source = options.config?.sources.find((s) => s.name === sourceName);
    if (source?.kind !== 'push') return undefined;
    return ingestPushedRecords(db, source, records, logger, options.config?.matching);
  };
  const qualityReport: GraphQLContext['qualityReport'] = (source, scope) => buildQualityReport(db, options.config, source, scope);
  const steward = stewardActions(db, logger, options.config?.matching);

  const handleGraphql = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown;
    if (req.method === 'POST') {
      const text = await readBody(req);
      const type = headers.get('content-type') ?? '';
      if (type.includes('json')) {
        try {
          body = JSON.parse(text);
        } catch {
          sendJson(res, 400, { errors: [{ message: 'request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
          return;
        }
      } else {
        body = text;
      }
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: async () => {
        try {
          const principal = await access.authenticate((name) => headers.get(name));
          const erase: GraphQLContext['erase'] = async (id, reason) => {
            // Queued read entries about the person are stored first, so the erasure redacts them too.
            await auditWriter.flush();
            return eraseCustomer(db, logger, principal, id, reason);
          };
          return { repos, principal, audit: new RequestAudit(principal), ingest, erase, steward, qualityReport, loaders: createLoaders(repos, principal) };
        } catch (error) {
          if (!(error instanceof AuthenticationError)) throw error;
          logger.info({ reason: error.reason }, 'credentials refused');
          throw new GraphQLError(error.message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
        }
      },
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.statusCode = responseStatus(res.statusCode, response.headers.get('content-type'), response.body.string);
      res.end(response.body.string);
    } else {
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    }
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = async (): Promise<void> => {
      if (url.pathname === '/healthz') {
        try {
          await db.knex.raw('select 1');
          sendJson(res, 200, { status: 'ok', database: db.dialect });
        } catch {
          sendJson(res, 503, { status: 'unavailable', database: db.dialect });
        }
        return;
      }
      if (url.pathname.startsWith('/graphiql/')) {
        const asset = assets.get(url.pathname.slice('/graphiql/'.length));
        if (!asset) return sendJson(res, 404, { error: 'not found' });
        res.writeHead(200, { 'content-type': asset.type, 'cache-control': 'public, max-age=3600' });
        res.end(asset.body);
        return;
      }
      if (url.pathname === '/graphql') {
        if (wantsHtml(req) && !url.searchParams.has('query')) {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end(graphiqlHtml('/graphql'));
          return;
        }
        await handleGraphql(req, res, url);
        return;
      }
      if (url.pathname === '/') {
        res.writeHead(302, { location: '/graphql' });
        res.end();
        return;
      }
      sendJson(res, 404, { error: 'not found' });
    };
    route().catch((error: Error & { status?: number }) => {
      logger.error({ err: { message: error.message } }, 'request failed');
      if (!res.headersSent) {
        const code = error.status === 413 ? 'PAYLOAD_TOO_LARGE' : error.status ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
        sendJson(res, error.status ?? 500, { errors: [{ message: error.status ? error.message : 'internal server error', extensions: { code } }] });
      }
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = options.host === undefined || options.host === '0.0.0.0' ? 'localhost' : options.host;
  return {
    url: `http://${shownHost}:${port}/graphql`,
    port,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await apollo.stop();
      await auditWriter.close();
    },
    flushAudit: () => auditWriter.flush(),
  };
}
