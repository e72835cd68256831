/**
 * The collector's HTTP API as an OpenAPI 3.1 document, served at `/v1/openapi.json`. Written by
 * hand beside `docs/collector-api.md`, which explains the rules; a test checks that every route
 * the server registers is described here.
 */
const json = (schema: object, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const error = (description: string) => json(ref('Error'), description);
const idParameter = (what: string) => ({
  name: 'id',
  in: 'path',
  required: true,
  description: `The ${what} id.`,
  schema: ref('Id'),
});
const admin = [{ bearer: [] }];
const authErrors = {
  '401': error('No token, or one that is not valid, has expired or was revoked.'),
  '403': error('The token is not an admin token.'),
};
const cached = {
  'Cache-Control': { description: '`public, max-age=300`', schema: { type: 'string' } },
  ETag: { description: 'A strong entity tag of the document.', schema: { type: 'string' } },
};
const readFilters = [
  {
    name: 'survey',
    in: 'query',
    description: 'A survey or consultation id.',
    schema: ref('Id'),
  },
  { name: 'subject', in: 'query', schema: { type: 'string', minLength: 1, maxLength: 500 } },
  {
    name: 'from',
    in: 'query',
    description:
      '`createdAt` at or after: an ISO 8601 date-time with offset, or a date (00:00 China Standard Time).',
    schema: { type: 'string' },
  },
  {
    name: 'to',
    in: 'query',
    description: '`createdAt` before; the same forms as `from`.',
    schema: { type: 'string' },
  },
];

export const OPENAPI = {
  openapi: '3.1.0',
  info: {
    title: 'Minyi collector',
    version: '1',
    description:
      'Receives survey, evaluation and consultation responses from Minyi widgets, serves survey definitions and consultation topics, and lets evaluators read what was received. See docs/collector-api.md.',
    license: { name: 'MIT', identifier: 'MIT' },
  },
  components: {
    securitySchemes: {
      bearer: {
        type: 'http',
        scheme: 'bearer',
        description:
          'A token made with `minyi-collector token create` (`minyi_ev_…` for evaluators, `minyi_ad_…` for admins).',
      },
    },
    schemas: {
      Id: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$' },
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: { type: 'string', description: 'What went wrong and what to do.' },
          issues: {
            type: 'array',
            items: {
              type: 'object',
              required: ['path', 'message'],
              properties: { path: { type: 'string' }, message: { type: 'string' } },
            },
          },
        },
      },
      Response: {
        type: 'object',
        description:
          'One answer, as docs/contract.md describes it. Checked against the definition of the survey or consultation it names.',
        required: [
          'id',
          'survey',
          'surveyVersion',
          'kind',
          'subject',
          'answers',
          'locale',
          'page',
          'createdAt',
          'sdk',
        ],
        properties: {
          id: { type: 'string', format: 'uuid' },
          survey: { $ref: '#/components/schemas/Id' },
          surveyVersion: { type: 'integer', minimum: 1 },
          kind: { enum: ['satisfaction', 'evaluation', 'consultation'] },
          subject: { type: 'string', minLength: 1, maxLength: 500 },
          group: { $ref: '#/components/schemas/Id' },
          answers: {
            type: 'object',
            minProperties: 1,
            maxProperties: 100,
            additionalProperties: { type: ['string', 'integer', 'null'] },
          },
          comment: { type: 'string', maxLength: 5000 },
          locale: { enum: ['zh-Hans', 'zh-Hant', 'en'] },
          page: { type: 'string', format: 'uri', maxLength: 2048 },
          createdAt: { type: 'string', format: 'date-time' },
          sdk: { type: 'string', minLength: 1, maxLength: 64 },
        },
        additionalProperties: true,
      },
      Envelope: {
        type: 'object',
        required: ['responses'],
        properties: {
          responses: { type: 'array', minItems: 1, maxItems: 100, items: {} },
          device: {
            type: 'string',
            pattern: '^[A-Za-z0-9_-]{8,64}$',
            description:
              'A key the browser makes once and keeps; used for per-device rate limits and caps.',
          },
        },
      },
      Result: {
        type: 'object',
        required: ['id', 'status'],
        properties: {
          id: { type: 'string' },
          status: { enum: ['accepted', 'duplicate', 'rejected'] },
          receipt: { type: 'string', pattern: '^[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){2}$' },
          error: { type: 'string' },
        },
      },
      SurveyDefinition: {
        type: 'object',
        description:
          'A survey definition (`surveyDefinitionSchema` of @minyi/schema): id, version, kind, title, dimensions on scales, groups, subjects, comment rules, period and time zone.',
        required: ['id', 'version', 'kind', 'title', 'dimensions'],
      },
      ConsultationTopic: {
        type: 'object',
        description:
          'A consultation topic (`consultationTopicSchema` of @minyi/schema), with its status and, once published, its outcome and tally.',
        required: ['id', 'version', 'title', 'status'],
      },
      StoredRecord: {
        type: 'object',
        required: ['receivedAt', 'response'],
        properties: {
          receivedAt: { type: 'string', format: 'date-time' },
          response: { $ref: '#/components/schemas/Response' },
        },
      },
    },
  },
  paths: {
    '/v1/responses': {
      post: {
        summary: 'Submit a batch of 1–100 responses',
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: ref('Envelope') },
            'text/plain': { schema: ref('Envelope') },
          },
        },
        responses: {
          '200': json(
            {
              type: 'object',
              required: ['results'],
              properties: { results: { type: 'array', items: ref('Result') } },
            },
            'One result per response, in order; only accepted items are stored.',
          ),
          '400': error('Not a batch of responses; nothing stored.'),
          '413': error('Body over 65,536 bytes.'),
          '415': error('Not application/json or text/plain.'),
          '429': error('Too many requests from this address or device; see Retry-After.'),
        },
      },
      get: {
        summary: 'Read responses (streamed)',
        security: [{ bearer: [] }],
        parameters: [
          ...readFilters,
          {
            name: 'format',
            in: 'query',
            schema: { enum: ['json', 'ndjson', 'csv'], default: 'json' },
          },
        ],
        responses: {
          '200': {
            description: 'Matching responses in the order received.',
            content: {
              'application/json': { schema: { type: 'array', items: ref('StoredRecord') } },
              'application/x-ndjson': { schema: ref('StoredRecord') },
              'text/csv': { schema: { type: 'string' } },
            },
          },
          '400': error('Unknown, repeated or malformed query parameters.'),
          '401': error('No valid token.'),
          '404': error('A survey or subject that does not exist or is outside the token scope.'),
        },
      },
    },
    '/v1/responses/count': {
      get: {
        summary: 'Count responses',
        security: [{ bearer: [] }],
        parameters: readFilters,
        responses: {
          '200': json(
            { type: 'object', properties: { count: { type: 'integer' } } },
            'The number of matching responses.',
          ),
          '400': error('Unknown, repeated or malformed query parameters.'),
          '401': error('No valid token.'),
          '404': error('A survey or subject that does not exist or is outside the token scope.'),
        },
      },
    },
    '/v1/receipts/{code}': {
      get: {
        summary: 'What a receipt code shows its holder (public, rate-limited)',
        parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': json(
            {
              type: 'object',
              description:
                'ReceiptView: code, receivedAt, kind, survey { id, title }, consultation (topic with its outcome)',
            },
            'The receipt of one stored answer.',
          ),
          '404': error('No answer has this code, malformed or not: the same body either way.'),
        },
      },
    },
    '/v1/scores': {
      get: {
        summary: 'Weighted scores of a survey by subject and period (scoring SPEC v1.0)',
        security: [{ bearer: [] }],
        parameters: [
          { name: 'survey', in: 'query', required: true, schema: { type: 'string' } },
          {
            name: 'period',
            in: 'query',
            required: true,
            schema: { type: 'string', enum: ['month', 'quarter', 'year'] },
          },
          { name: 'from', in: 'query', schema: { type: 'string', format: 'date' } },
          { name: 'to', in: 'query', schema: { type: 'string', format: 'date' } },
          {
            name: 'poststratify',
            in: 'query',
            schema: { type: 'string', enum: ['true', 'false'] },
          },
        ],
        responses: {
          '200': json(
            {
              type: 'object',
              description: 'ScoresView: survey, labels, options, z, cells, distributions',
            },
            'One cell per subject and period the token may see.',
          ),
          '400': error('Unknown, repeated or malformed query parameters.'),
          '401': error('No valid token.'),
          '404': error('A survey that does not exist or is outside the token scope.'),
          '422': error(
            'Post-stratification refused: `groups` lists groups without a population share.',
          ),
        },
      },
    },
    '/v1/surveys': {
      post: {
        summary: 'Create a survey (version 1)',
        security: admin,
        requestBody: {
          required: true,
          content: { 'application/json': { schema: ref('SurveyDefinition') } },
        },
        responses: {
          '201': json(ref('SurveyDefinition'), 'The stored definition.'),
          '400': error('Not a valid definition; issues name every path.'),
          ...authErrors,
          '409': error('The survey exists.'),
        },
      },
    },
    '/v1/surveys/{id}': {
      parameters: [idParameter('survey')],
      get: {
        summary: 'The newest active version of a survey definition',
        responses: {
          '200': { ...json(ref('SurveyDefinition'), 'The definition.'), headers: cached },
          '304': { description: 'Not modified (If-None-Match).' },
          '404': error('Unknown or retired survey.'),
        },
      },
      put: {
        summary: 'Publish a new version of a survey',
        security: admin,
        requestBody: {
          required: true,
          content: { 'application/json': { schema: ref('SurveyDefinition') } },
        },
        responses: {
          '200': json(ref('SurveyDefinition'), 'Unchanged: the body equals the current version.'),
          '201': json(ref('SurveyDefinition'), 'The new version.'),
          '400': error('Not a valid definition.'),
          ...authErrors,
          '404': error('Unknown survey.'),
          '409': error('Retired, or another version was published meanwhile.'),
        },
      },
    },
    '/v1/surveys/{id}/retire': {
      parameters: [idParameter('survey')],
      post: {
        summary: 'Retire a survey: no longer served, no more answers taken',
        security: admin,
        responses: {
          '200': json(
            { type: 'object', properties: { id: ref('Id'), retiredAt: { type: 'string' } } },
            'Retired (now or before).',
          ),
          ...authErrors,
          '404': error('Unknown survey.'),
        },
      },
    },
    '/v1/consultations': {
      post: {
        summary: 'Create a consultation topic (version 1, draft or open)',
        security: admin,
        requestBody: {
          required: true,
          content: { 'application/json': { schema: ref('ConsultationTopic') } },
        },
        responses: {
          '201': json(ref('ConsultationTopic'), 'The topic as the widget will see it.'),
          '400': error('Not a valid topic.'),
          ...authErrors,
          '409': error('The topic exists.'),
        },
      },
    },
    '/v1/consultations/{id}': {
      parameters: [idParameter('consultation')],
      get: {
        summary: 'The current version of a consultation topic (not drafts)',
        responses: {
          '200': { ...json(ref('ConsultationTopic'), 'The topic.'), headers: cached },
          '304': { description: 'Not modified (If-None-Match).' },
          '404': error('Unknown topic, or a draft.'),
        },
      },
      put: {
        summary: 'Edit a consultation topic: a new version',
        security: admin,
        requestBody: {
          required: true,
          content: { 'application/json': { schema: ref('ConsultationTopic') } },
        },
        responses: {
          '200': json(ref('ConsultationTopic'), 'Unchanged.'),
          '201': json(ref('ConsultationTopic'), 'The new version.'),
          '400': error('Not a valid topic, or status/outcome given.'),
          ...authErrors,
          '404': error('Unknown topic.'),
          '409': error('Published, or changed meanwhile.'),
        },
      },
    },
    '/v1/consultations/{id}/status': {
      parameters: [idParameter('consultation')],
      post: {
        summary: 'Move a topic along draft → open → closed → published',
        security: admin,
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['status'],
                properties: {
                  status: { enum: ['open', 'closed', 'published'] },
                  outcome: {
                    type: 'object',
                    description: 'Only when publishing: the outcome text; the tally is computed.',
                    properties: { text: { type: 'object' } },
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': json(ref('ConsultationTopic'), 'The topic after the move.'),
          '400': error('Not a status request.'),
          ...authErrors,
          '404': error('Unknown topic.'),
          '409': error('Not the next status, or changed meanwhile.'),
        },
      },
    },
    '/v1/openapi.json': {
      get: {
        summary: 'This document',
        responses: { '200': json({ type: 'object' }, 'OpenAPI 3.1.') },
      },
    },
    '/healthz': {
      get: {
        summary: 'Liveness',
        responses: {
          '200': json({ type: 'object', properties: { status: { const: 'ok' } } }, 'Running.'),
        },
      },
    },
    '/sdk/minyi.js': {
      get: {
        summary: 'The widget script (revalidated on every use)',
        responses: {
          '200': { description: 'JavaScript', content: { 'text/javascript': {} } },
          '304': { description: 'Not modified.' },
          '404': error('The widgets have not been built.'),
        },
      },
    },
    '/sdk/minyi.js.sri': {
      get: {
        summary: 'The Subresource Integrity hash of the script',
        responses: {
          '200': { description: 'The hash', content: { 'text/plain': {} } },
          '404': error('Not built.'),
        },
      },
    },
    '/sdk/minyi-dashboard.js': {
      get: {
        summary: "The evaluator's dashboard bundle (revalidated on every use)",
        responses: {
          '200': { description: 'JavaScript', content: { 'text/javascript': {} } },
          '304': { description: 'Not modified.' },
          '404': error('The dashboard has not been built.'),
        },
      },
    },
    '/sdk/minyi-dashboard.js.sri': {
      get: {
        summary: 'The Subresource Integrity hash of the dashboard bundle',
        responses: {
          '200': { description: 'The hash', content: { 'text/plain': {} } },
          '404': error('Not built.'),
        },
      },
    },
    '/sdk/{version}/minyi-dashboard.js': {
      parameters: [{ name: 'version', in: 'path', required: true, schema: { type: 'string' } }],
      get: {
        summary: 'The dashboard bundle of one release, cached for a year',
        responses: {
          '200': { description: 'JavaScript', content: { 'text/javascript': {} } },
          '304': { description: 'Not modified.' },
          '404': error('Another version, or not built.'),
        },
      },
    },
    '/sdk/{version}/minyi-dashboard.js.sri': {
      parameters: [{ name: 'version', in: 'path', required: true, schema: { type: 'string' } }],
      get: {
        summary: 'The SRI hash of one release of the dashboard bundle',
        responses: {
          '200': { description: 'The hash', content: { 'text/plain': {} } },
          '404': error('Another version, or not built.'),
        },
      },
    },
    '/sdk/{version}/minyi.js': {
      parameters: [{ name: 'version', in: 'path', required: true, schema: { type: 'string' } }],
      get: {
        summary: 'The widget script of one release, cached for a year',
        responses: {
          '200': { description: 'JavaScript', content: { 'text/javascript': {} } },
          '304': { description: 'Not modified.' },
          '404': error("Not this collector's SDK version, or not built."),
        },
      },
    },
    '/sdk/{version}/minyi.js.sri': {
      parameters: [{ name: 'version', in: 'path', required: true, schema: { type: 'string' } }],
      get: {
        summary: 'The Subresource Integrity hash of one release',
        responses: {
          '200': { description: 'The hash', content: { 'text/plain': {} } },
          '404': error("Not this collector's SDK version, or not built."),
        },
      },
    },
  },
} as const;
