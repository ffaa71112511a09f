import { parseEntityRef } from '@backstage/catalog-model';
import {
  MissingIndexError,
  QueryRequestOptions,
  QueryTranslator,
  SearchEngine,
} from '@backstage/plugin-search-backend-node';
import {
  IndexableResult,
  IndexableResultSet,
  SearchQuery,
} from '@backstage/plugin-search-common';
import { ONCALL_ROTATION_DOCUMENT_TYPE } from '@oncall-for-backstage/plugin-oncall-common';
import { Writable } from 'node:stream';
import { z } from 'zod';
import { OnCallQuestion, parseOnCallQuestion, wordsOf } from './onCallQuestion';

/** How many rotations matching the subject are considered as answers. */
const CANDIDATES = 10;

/** The fields of a rotation document that say whom it is on call for. */
const rotationSchema = z.object({
  team: z.string().optional(),
  scheduleName: z.string().optional(),
  entityRef: z.string().optional(),
  entityRefs: z.array(z.string()).optional(),
  responders: z.array(z.string()).optional(),
});

function entityName(ref: string): string | undefined {
  try {
    return parseEntityRef(ref).name;
  } catch {
    return undefined;
  }
}

/**
 * Whether a rotation answers the question: one of its names (team, schedule, or an entity
 * it is on call for) holds every word of the subject, as a word or the start of one. So
 * `payments api` is answered by the rotation covering `payments-api`, and `checkout` by
 * the rotations of the checkout team, but `checkout-api` not by one that merely covers
 * some other `…-api`.
 */
function answersQuestion(
  result: IndexableResult,
  question: OnCallQuestion,
): boolean {
  const parsed = rotationSchema.safeParse(result.document);
  if (result.type !== ONCALL_ROTATION_DOCUMENT_TYPE || !parsed.success) {
    return false;
  }
  const { team, scheduleName, entityRef, entityRefs } = parsed.data;
  const names = [
    team,
    scheduleName,
    ...[...(entityRefs ?? []), ...(entityRef ? [entityRef] : [])].map(
      entityName,
    ),
  ].filter((name): name is string => name !== undefined);
  return names.some(name => {
    const words = wordsOf(name);
    return question.words.every(asked =>
      words.some(word => word.startsWith(asked)),
    );
  });
}

function hasOnCallNow(result: IndexableResult): boolean {
  const parsed = rotationSchema.safeParse(result.document);
  return parsed.success && (parsed.data.responders?.length ?? 0) > 0;
}

/**
 * A search engine that answers on-call questions first. For a term such as "who is on
 * call for payments", "on call payments", "payments on-call" or "payments oncall", the
 * on-call rotations for the subject (`payments`) lead the results — those with someone on
 * call now before those without — followed by everything else the engine finds for the
 * subject (when the requested types leave rotations out, only the rest). Any other query
 * goes to the engine unchanged, as does a question that no rotation answers and a query
 * with filters.
 *
 * It wraps any engine (Lunr, PostgreSQL, Elasticsearch): it needs no scores, only the
 * engine's own results for the rotation document type and for the subject.
 *
 * @public
 */
export class OnCallAnswersSearchEngine implements SearchEngine {
  private constructor(private readonly engine: SearchEngine) {}

  /** Wraps the portal's search engine; register the result as the search engine. */
  static wrap(engine: SearchEngine): OnCallAnswersSearchEngine {
    return new OnCallAnswersSearchEngine(engine);
  }

  setTranslator(translator: QueryTranslator): void {
    this.engine.setTranslator(translator);
  }

  getIndexer(type: string): Promise<Writable> {
    return this.engine.getIndexer(type);
  }

  async query(
    query: SearchQuery,
    options?: QueryRequestOptions,
  ): Promise<IndexableResultSet> {
    // a filtered search is not a question
    const question =
      Object.keys(query.filters ?? {}).length === 0
        ? parseOnCallQuestion(query.term)
        : undefined;
    const found = question ? await this.findAnswers(question, options) : [];
    if (!question || found.length === 0) {
      return this.engine.query(query, options);
    }

    // The question is about its subject: every type is searched for the subject, and
    // the answers lead when the query asks for rotations at all.
    const rest = await this.engine.query(
      { ...query, term: question.subject },
      options,
    );
    const rotationsWanted =
      !query.types || query.types.includes(ONCALL_ROTATION_DOCUMENT_TYPE);
    const answers = rotationsWanted ? found : [];
    const answered = new Set(answers.map(result => result.document.location));
    const others = rest.results.filter(
      result =>
        result.type !== ONCALL_ROTATION_DOCUMENT_TYPE ||
        !answered.has(result.document.location),
    );
    // Engines leave the previous-page cursor out on the first page only.
    if (rest.previousPageCursor !== undefined) {
      return {
        ...rest,
        results: others.map(result => ({
          ...result,
          rank:
            result.rank === undefined
              ? undefined
              : result.rank + answers.length,
        })),
      };
    }
    return {
      ...rest,
      results: [...answers, ...others].map((result, index) => ({
        ...result,
        rank: index + 1,
      })),
    };
  }

  /** The rotations that answer the question, someone on call now first. */
  private async findAnswers(
    question: OnCallQuestion,
    options?: QueryRequestOptions,
  ): Promise<IndexableResult[]> {
    let candidates: IndexableResultSet;
    try {
      candidates = await this.engine.query(
        {
          term: question.subject,
          types: [ONCALL_ROTATION_DOCUMENT_TYPE],
          pageLimit: CANDIDATES,
        },
        options,
      );
    } catch (error) {
      // Lunr has no rotation index until the first collation
      if (error instanceof MissingIndexError) {
        return [];
      }
      throw error;
    }
    const found = candidates.results.filter(result =>
      answersQuestion(result, question),
    );
    return [
      ...found.filter(hasOnCallNow),
      ...found.filter(result => !hasOnCallNow(result)),
    ];
  }
}
