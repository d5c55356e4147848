/**
 * The time-to-live rules every credential construct shares: ttl / secondsToLive, the
 * no-expiry warning, tokens, and the 30-day cap that applies to API keys only.
 */
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import {
  ApiKey,
  CloudStackApiKey,
  CloudStackServiceAccount,
  CloudStackServiceAccountToken,
  GrafanaConstructError,
  LifetimeProps,
  ServiceAccount,
  ServiceAccountToken,
  Ttl,
} from "../../src";
import * as gen from "../../src/gen/providers/grafana";
import { newStack, resourcesOf, synthJson, thrown, warningsWithId } from "../support/cdktf";

interface CredentialKind {
  readonly label: string;
  /** Resource type in the JSON. */
  readonly type: string;
  /** Construct path of the credential inside a stack named "stack". */
  readonly path: string;
  readonly isKey: boolean;
  readonly make: (stack: TerraformStack, lifetime: LifetimeProps & { maxTtl?: Ttl | string }) => unknown;
}

const KINDS: CredentialKind[] = [
  {
    label: "ApiKey",
    type: gen.apiKey.ApiKey.tfResourceType,
    path: "stack/key",
    isKey: true,
    make: (stack, lifetime) => new ApiKey(stack, "key", { name: "key", role: "Viewer", ...lifetime }),
  },
  {
    label: "CloudStackApiKey",
    type: gen.cloudStackApiKey.CloudStackApiKey.tfResourceType,
    path: "stack/key",
    isKey: true,
    make: (stack, lifetime) => new CloudStackApiKey(stack, "key", { stackSlug: "mystack", name: "key", role: "Viewer", ...lifetime }),
  },
  {
    label: "ServiceAccount.addToken",
    type: gen.serviceAccountToken.ServiceAccountToken.tfResourceType,
    path: "stack/sa/tok",
    isKey: false,
    make: (stack, { maxTtl: _ignored, ...lifetime }) =>
      new ServiceAccount(stack, "sa", { name: "sa", role: "Viewer" }).addToken("tok", { name: "tok", ...lifetime }),
  },
  {
    label: "ServiceAccountToken",
    type: gen.serviceAccountToken.ServiceAccountToken.tfResourceType,
    path: "stack/tok",
    isKey: false,
    make: (stack, { maxTtl: _ignored, ...lifetime }) =>
      new ServiceAccountToken(stack, "tok", { serviceAccount: ServiceAccount.fromServiceAccountId(stack, "existing", "1:42"), name: "tok", ...lifetime }),
  },
  {
    label: "CloudStackServiceAccount.addToken",
    type: gen.cloudStackServiceAccountToken.CloudStackServiceAccountToken.tfResourceType,
    path: "stack/sa/tok",
    isKey: false,
    make: (stack, { maxTtl: _ignored, ...lifetime }) =>
      new CloudStackServiceAccount(stack, "sa", { stackSlug: "mystack", name: "sa", role: "Viewer" }).addToken("tok", { name: "tok", ...lifetime }),
  },
  {
    label: "CloudStackServiceAccountToken",
    type: gen.cloudStackServiceAccountToken.CloudStackServiceAccountToken.tfResourceType,
    path: "stack/tok",
    isKey: false,
    make: (stack, { maxTtl: _ignored, ...lifetime }) =>
      new CloudStackServiceAccountToken(stack, "tok", { serviceAccount: { stackSlug: "mystack", serviceAccountId: "42" }, name: "tok", ...lifetime }),
  },
];

/** The one resource of the kind's type in the stack. */
function synthesized(stack: TerraformStack, kind: CredentialKind): any {
  const resources = Object.values(resourcesOf(synthJson(stack), kind.type));
  expect(resources).toHaveLength(1);
  return resources[0];
}

/** The message of the GrafanaConstructError `make` throws; it must start with the path. */
function constructError(kind: CredentialKind, lifetime: LifetimeProps & { maxTtl?: string }): string {
  const err = thrown(() => kind.make(newStack(), lifetime));
  expect(err).toBeInstanceOf(GrafanaConstructError);
  expect((err as GrafanaConstructError).constructPath).toBe(kind.path);
  expect(err.message.startsWith(`${kind.path}: `)).toBe(true);
  return err.message;
}

describe.each(KINDS)("$label lifetime", (kind) => {
  test("GIVEN ttl in Grafana's form WHEN synthesized THEN seconds_to_live holds its seconds", () => {
    const stack = newStack();
    kind.make(stack, { ttl: "12h" });
    expect(synthesized(stack, kind).seconds_to_live).toBe(43_200);
  });

  test("GIVEN ttl as a Ttl value WHEN synthesized THEN seconds_to_live holds its seconds", () => {
    const stack = newStack();
    kind.make(stack, { ttl: Ttl.days(1) });
    expect(synthesized(stack, kind).seconds_to_live).toBe(86_400);
  });

  test("GIVEN secondsToLive WHEN synthesized THEN it is passed through unchanged", () => {
    const stack = newStack();
    kind.make(stack, { secondsToLive: 90 });
    expect(synthesized(stack, kind).seconds_to_live).toBe(90);
  });

  test("GIVEN 1M WHEN synthesized THEN it is accepted as 30 days", () => {
    const stack = newStack();
    kind.make(stack, { ttl: "1M" });
    expect(synthesized(stack, kind).seconds_to_live).toBe(2_592_000);
  });

  test("GIVEN no lifetime WHEN built THEN seconds_to_live is absent AND a GRAFANA-TTL-NONE warning names the construct", () => {
    const stack = newStack();
    kind.make(stack, {});
    expect(synthesized(stack, kind)).not.toHaveProperty("seconds_to_live");
    const warnings = warningsWithId(stack, "GRAFANA-TTL-NONE");
    expect(warnings).toHaveLength(1);
    expect(warnings[0].path).toBe(kind.path);
    expect(warnings[0].message).toContain(kind.path);
    expect(warnings[0].message).toContain("never expires");
  });

  test("GIVEN a lifetime WHEN built THEN there is no GRAFANA-TTL-NONE warning", () => {
    const stack = newStack();
    kind.make(stack, { ttl: "1h" });
    expect(warningsWithId(stack, "GRAFANA-TTL-NONE")).toEqual([]);
  });

  test.each(["12H", "1.5h", "12y", "0h", "-1h", " 12h", "12 h", "12h\n", ""])(
    "GIVEN ttl %j WHEN built THEN it throws naming the path, the value and the accepted units",
    (ttl) => {
      const message = constructError(kind, { ttl });
      expect(message).toContain(`Invalid time to live ${JSON.stringify(ttl)}`);
      expect(message).toContain("s, m, h, d, w or M");
    },
  );

  test("GIVEN a wrong-case unit WHEN built THEN the message suggests the right one", () => {
    expect(constructError(kind, { ttl: "12H" })).toContain('Did you mean "12h"?');
  });

  test("GIVEN ttl AND secondsToLive WHEN built THEN it throws naming both values", () => {
    const message = constructError(kind, { ttl: "12h", secondsToLive: 60 });
    expect(message).toContain("either ttl or secondsToLive, not both");
    expect(message).toContain('"12h"');
    expect(message).toContain("60");
  });

  test.each([1.5, 0, -60, NaN, Infinity])("GIVEN secondsToLive %p WHEN built THEN it throws asking for whole seconds above zero", (secondsToLive) => {
    const message = constructError(kind, { secondsToLive });
    expect(message).toContain(`got ${secondsToLive}`);
    expect(message).toContain("whole number of seconds above zero");
    expect(message).toContain('ttl: "12h"');
  });

  test("GIVEN ttl from a variable WHEN synthesized THEN nothing is checked AND Terraform converts it", () => {
    const stack = newStack();
    const ttl = new TerraformVariable(stack, "ttl", { type: "string" });
    kind.make(stack, { ttl: ttl.stringValue });
    const seconds = synthesized(stack, kind).seconds_to_live;
    expect(typeof seconds).toBe("string");
    expect(seconds).toMatch(/^\$\{.*\}$/s);
    expect(seconds).toContain("var.ttl");
    expect(seconds).toContain("regex(");
    expect(warningsWithId(stack, "GRAFANA-TTL-NONE")).toEqual([]);
  });

  test("GIVEN secondsToLive from a variable WHEN synthesized THEN it is referenced as is", () => {
    const stack = newStack();
    const seconds = new TerraformVariable(stack, "seconds", { type: "number" });
    kind.make(stack, { secondsToLive: seconds.numberValue });
    expect(synthesized(stack, kind).seconds_to_live).toBe("${var.seconds}");
  });

  if (kind.isKey) {
    test.each([
      ["31d", "31d"],
      ["5w", "5w"],
      ["2M", "2M"],
      ["745h", "745h"],
    ])("GIVEN a key ttl %j over 30 days WHEN built THEN it throws naming the value, the cap and how to raise it", (ttl, shown) => {
      const message = constructError(kind, { ttl });
      expect(message).toContain(shown);
      expect(message).toContain('Use at most "1M"');
      expect(message).toContain("maxTtl");
    });

    test("GIVEN secondsToLive one second over 30 days WHEN built THEN it is refused too", () => {
      expect(constructError(kind, { secondsToLive: 2_592_001 })).toContain("2592001s");
    });

    test("GIVEN exactly 30 days WHEN built THEN it is accepted", () => {
      const stack = newStack();
      kind.make(stack, { ttl: "30d" });
      expect(synthesized(stack, kind).seconds_to_live).toBe(2_592_000);
    });

    test("GIVEN 31d AND maxTtl raised to 2M WHEN synthesized THEN the key is made", () => {
      const stack = newStack();
      kind.make(stack, { ttl: "31d", maxTtl: "2M" });
      expect(synthesized(stack, kind).seconds_to_live).toBe(31 * 86_400);
    });

    test("GIVEN maxTtl lowered to 1w WHEN a key asks for 8d THEN it throws naming the lower cap", () => {
      expect(constructError(kind, { ttl: "8d", maxTtl: "1w" })).toContain('Use at most "1w"');
    });

    test("GIVEN a malformed maxTtl WHEN built THEN it throws naming the value", () => {
      expect(constructError(kind, { ttl: "1d", maxTtl: "1 year" })).toContain('"1 year"');
    });
  } else {
    test("GIVEN a token ttl over 30 days WHEN synthesized THEN it is allowed: the cap is for API keys", () => {
      const stack = newStack();
      kind.make(stack, { ttl: "60d" });
      expect(synthesized(stack, kind).seconds_to_live).toBe(60 * 86_400);
    });
  }
});

describe("a ttl from a variable", () => {
  test("GIVEN the Terraform expression WHEN read THEN it uses Grafana's own unit table (m is a minute, M a month)", () => {
    const stack = newStack();
    const ttl = new TerraformVariable(stack, "ttl", { type: "string" });
    new ServiceAccount(stack, "sa", { name: "sa", role: "Viewer" }).addToken("tok", { name: "tok", ttl: ttl.stringValue });
    const expr: string = synthesized(stack, KINDS[2]).seconds_to_live;
    expect(expr).toContain('"m" = 60');
    expect(expr).toContain('"M" = 2592000');
    expect(expr).toContain('"w" = 604800');
    expect(Testing.synth(stack)).not.toContain("TfToken");
  });
});
