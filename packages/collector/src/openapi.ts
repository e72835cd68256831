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

const evaluator = [{ bearer: [] }];
const noStore = {
  'Cache-Control': { description: '`no-store`', schema: { type: 'string', const: 'no-store' } },
};
const dateTime = { type: 'string', format: 'date-time' } as const;
const caseStatus = { enum: ['open', 'assigned', 'replied', 'closed'] } as const;
const caseIdParameter = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The case id (17 random symbols, as `GET /v1/cases` and the receipt show it).',
  schema: ref('CaseId'),
};
const reply = {
  type: 'object',
  required: ['text', 'repliedAt'],
  properties: { text: { type: 'string' }, repliedAt: dateTime },
} as const;
/**
 * Every move of a case answers alike; only the body and the statuses it may start from differ.
 */
const caseMove = (summary: string, body: object, conflict: string) => ({
  summary,
  security: evaluator,
  requestBody: { required: true, content: { 'application/json': { schema: body } } },
  responses: {
    '200': {
      ...json(ref('FollowUpCase'), 'The case after the move, with its events.'),
      headers: noStore,
    },
    '400': error('A bad body; `issues` name the field.'),
    '401': error('No token, or one that is not valid, has expired or was revoked.'),
    '404': error('No such case, or one outside the token scope.'),
    '409': error(conflict),
    '413': error('Body over 1 MiB.'),
    '415': error('Not application/json.'),
  },
});

export const OPENAPI = {
  openapi: '3.1.0',
  info: {
    title: 'Minyi collector',
    version: '1',
    description:
      'Receives survey, evaluation and consultation responses from Minyi widgets, serves survey definitions and consultation topics, lets evaluators read what was received, and follows up bad ratings until the resident has an answer (差评整改). See docs/collector-api.md.',
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
      CaseId: {
        type: 'string',
        pattern: '^[0-9a-z]{17}$',
        description:
          'About 80 random bits: nobody can rate a reply without the receipt that shows it.',
      },
      Reply: reply,
      CaseEvent: {
        type: 'object',
        description: "One entry of a case's audit log.",
        required: ['at', 'action', 'by'],
        properties: {
          at: dateTime,
          action: { enum: ['opened', 'assigned', 'replied', 'closed', 'rated'] },
          by: {
            type: 'object',
            description:
              'Who: a token (its public id and note, as `minyi-collector token list` shows them), the collector (opening) or the resident (rating).',
            required: ['type'],
            properties: {
              type: { enum: ['token', 'collector', 'resident'] },
              id: { type: 'string' },
              note: { type: 'string' },
            },
          },
          detail: {
            type: 'string',
            description: 'The assignee, the reply text or the closing note.',
          },
        },
      },
      FollowUpCase: {
        type: 'object',
        description:
          'A follow-up case (差评整改, `followUpCaseSchema` of @minyi/schema): the answer that opened it, why, where it stands and by when it must be answered. `assignee`, `reply`, `closedAt` and `rating` are present once set; `events` only in the answers about one case.',
        required: [
          'id',
          'survey',
          'surveyVersion',
          'subject',
          'response',
          'reasons',
          'status',
          'openedAt',
          'deadline',
          'overdue',
        ],
        properties: {
          id: ref('CaseId'),
          survey: ref('Id'),
          surveyVersion: { type: 'integer', minimum: 1 },
          subject: { type: 'string' },
          response: {
            ...ref('Response'),
            description:
              'The answer as stored (comment scrubbed), as `GET /v1/responses` shows it.',
          },
          reasons: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              required: ['type'],
              properties: {
                type: { enum: ['rating', 'comment'] },
                dimension: ref('Id'),
                answer: { type: ['string', 'integer'] },
              },
            },
          },
          status: {
            ...caseStatus,
            description:
              'open → assigned → replied → closed; assigning is optional and may be repeated.',
          },
          openedAt: dateTime,
          deadline: {
            ...dateTime,
            description:
              "The end of the survey's `followUp.workingDays`-th working day (default 15, Monday to Friday in its time zone) after the day the answer was received.",
          },
          overdue: {
            type: 'boolean',
            description:
              'The escalation flag: `true` while the case is open or assigned after its deadline.',
          },
          assignee: { type: 'string', minLength: 1, maxLength: 200 },
          reply: ref('Reply'),
          closedAt: dateTime,
          rating: {
            type: 'object',
            description:
              "The resident's rating of the reply: their response to `follow-up-rating`.",
            required: ['response', 'ratedAt'],
            properties: { response: ref('Response'), ratedAt: dateTime },
          },
          events: { type: 'array', minItems: 1, items: ref('CaseEvent') },
        },
      },
      CaseList: {
        type: 'object',
        required: ['cases', 'counts'],
        properties: {
          cases: { type: 'array', items: ref('FollowUpCase') },
          next: {
            type: 'string',
            description: 'Present when there are more: the `after` of the next page.',
          },
          counts: {
            type: 'object',
            description:
              'Every case of the `survey` and `subject` filter within the token scope, whatever `status`, `overdue` and paging say.',
            required: ['open', 'assigned', 'replied', 'closed', 'overdue'],
            properties: {
              open: { type: 'integer', minimum: 0 },
              assigned: { type: 'integer', minimum: 0 },
              replied: { type: 'integer', minimum: 0 },
              closed: { type: 'integer', minimum: 0 },
              overdue: { type: 'integer', minimum: 0 },
            },
          },
        },
      },
      ReceiptView: {
        type: 'object',
        description:
          'What a receipt code shows its holder (`receiptViewSchema` of @minyi/schema): nothing of the answer itself and nothing of any other answer.',
        required: ['code', 'receivedAt', 'kind', 'survey'],
        properties: {
          code: { type: 'string', pattern: '^[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){2}$' },
          receivedAt: dateTime,
          kind: { enum: ['satisfaction', 'evaluation', 'consultation'] },
          survey: {
            type: 'object',
            required: ['id'],
            properties: {
              id: ref('Id'),
              title: { type: 'object', description: 'The title per locale.' },
            },
          },
          followUp: {
            type: 'object',
            description:
              'Present when the answer opened a follow-up case. The assignee, the closing note, the deadline and the audit log are for evaluators only.',
            required: ['id', 'status'],
            properties: {
              id: ref('CaseId'),
              status: caseStatus,
              reply: { ...ref('Reply'), description: 'The official reply, once there is one.' },
              rating: {
                type: 'object',
                description:
                  'Until the resident has rated the reply: the survey and subject to rate it with, as an ordinary response.',
                required: ['survey', 'subject'],
                properties: {
                  survey: { const: 'follow-up-rating' },
                  subject: { type: 'string', pattern: '^case:[0-9a-z]{17}$' },
                },
              },
            },
          },
          consultation: {
            ...ref('ConsultationTopic'),
            description:
              'For an answer to a consultation: the topic, with its outcome and tally once published.',
          },
        },
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
        parameters: [
          {
            name: 'code',
            in: 'path',
            required: true,
            description:
              'The receipt code; case, spaces, dashes and full-width forms do not matter.',
            schema: { type: 'string' },
          },
        ],
        responses: {
          '200': {
            ...json(
              ref('ReceiptView'),
              'The receipt of one stored answer, with its follow-up case and consultation outcome.',
            ),
            headers: noStore,
          },
          '404': error('No answer has this code, malformed or not: the same body either way.'),
        },
      },
    },
    '/v1/cases': {
      get: {
        summary: 'Follow-up cases (差评整改) the token may see, oldest first, a page at a time',
        security: evaluator,
        parameters: [
          {
            name: 'survey',
            in: 'query',
            description: 'One survey id; outside the token scope `404`.',
            schema: ref('Id'),
          },
          {
            name: 'subject',
            in: 'query',
            description: 'One subject; outside the token scope `404`.',
            schema: { type: 'string', minLength: 1, maxLength: 500 },
          },
          {
            name: 'status',
            in: 'query',
            description: '`open`, `assigned`, `replied` or `closed`; several separated by commas.',
            schema: {
              type: 'string',
              pattern: '^(open|assigned|replied|closed)(,(open|assigned|replied|closed))*$',
            },
          },
          {
            name: 'overdue',
            in: 'query',
            description: '`true`: only overdue cases; `false`: only the others.',
            schema: { enum: ['true', 'false'] },
          },
          {
            name: 'limit',
            in: 'query',
            schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
          },
          {
            name: 'after',
            in: 'query',
            description: 'The `next` of the previous page.',
            schema: { type: 'string' },
          },
        ],
        responses: {
          '200': {
            ...json(ref('CaseList'), 'One page of cases and the counts by status.'),
            headers: noStore,
          },
          '400': error('Unknown, repeated or malformed query parameters; the error names them.'),
          '401': error('No token, or one that is not valid, has expired or was revoked.'),
          '404': error('A survey or subject outside the token scope.'),
        },
      },
    },
    '/v1/cases/{id}': {
      parameters: [caseIdParameter],
      get: {
        summary: 'One follow-up case with its audit log',
        security: evaluator,
        responses: {
          '200': {
            ...json(ref('FollowUpCase'), 'The case, with `events` oldest first.'),
            headers: noStore,
          },
          '401': error('No token, or one that is not valid, has expired or was revoked.'),
          '404': error('No such case, or one outside the token scope.'),
        },
      },
    },
    '/v1/cases/{id}/assign': {
      parameters: [caseIdParameter],
      post: caseMove(
        'Assign (or reassign) a case: from open or assigned to assigned',
        {
          type: 'object',
          required: ['assignee'],
          properties: { assignee: { type: 'string', minLength: 1, maxLength: 200 } },
        },
        'The case is replied or closed, or changed meanwhile (fetch it and try again).',
      ),
    },
    '/v1/cases/{id}/reply': {
      parameters: [caseIdParameter],
      post: caseMove(
        'Reply to a case: from open or assigned to replied; the resident sees the text on their receipt',
        {
          type: 'object',
          required: ['text'],
          properties: {
            text: {
              type: 'string',
              minLength: 1,
              maxLength: 2000,
              description: 'Shown to the resident as text, never as HTML.',
            },
          },
        },
        'The case is replied or closed, or changed meanwhile (fetch it and try again).',
      ),
    },
    '/v1/cases/{id}/close': {
      parameters: [caseIdParameter],
      post: caseMove(
        'Close a replied case, with an optional note for evaluators',
        {
          type: 'object',
          properties: { note: { type: 'string', maxLength: 2000 } },
        },
        'The case is not replied (only a replied case can be closed), or changed meanwhile.',
      ),
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
    '/sdk/minyi-cases.js': {
      get: {
        summary: "The evaluator's follow-up cases bundle (revalidated on every use)",
        responses: {
          '200': { description: 'JavaScript', content: { 'text/javascript': {} } },
          '304': { description: 'Not modified.' },
          '404': error('The dashboard has not been built.'),
        },
      },
    },
    '/sdk/minyi-cases.js.sri': {
      get: {
        summary: 'The Subresource Integrity hash of the follow-up cases bundle',
        responses: {
          '200': { description: 'The hash', content: { 'text/plain': {} } },
          '404': error('Not built.'),
        },
      },
    },
    '/sdk/{version}/minyi-cases.js': {
      parameters: [{ name: 'version', in: 'path', required: true, schema: { type: 'string' } }],
      get: {
        summary: 'The follow-up cases bundle of one dashboard release, cached for a year',
        responses: {
          '200': { description: 'JavaScript', content: { 'text/javascript': {} } },
          '304': { description: 'Not modified.' },
          '404': error('Another version, or not built.'),
        },
      },
    },
    '/sdk/{version}/minyi-cases.js.sri': {
      parameters: [{ name: 'version', in: 'path', required: true, schema: { type: 'string' } }],
      get: {
        summary: 'The SRI hash of one release of the follow-up cases bundle',
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
