#!/usr/bin/env python3
"""Translates a SAM template to plain CloudFormation JSON, offline.

Usage: sam_translate.py TEMPLATE OUTPUT_JSON CODE_URI [REGION]

Uses the aws-sam-translator library (the same code as the AWS::Serverless transform) with a fixed
map of AWS managed policy ARNs instead of an IAM client, so nothing talks to AWS. Every local
CodeUri (Globals and functions) is replaced by CODE_URI, which must be an s3:// URI: the
translator refuses local paths, which only `sam package`/`sam deploy` upload and rewrite.
REGION (default us-east-1) is the AWS::Region the translator assumes, as CloudFormation would
pass it; the output still uses {"Ref": "AWS::Region"} wherever the template does.
Exit codes: 0 translated, 1 the translator rejected the template, 2 usage.
"""

import json
import sys

import boto3
from samtranslator.model.exceptions import InvalidDocumentException
from samtranslator.parser.parser import Parser
from samtranslator.translator.translator import Translator
from samtranslator.yaml_helper import yaml_parse

# The managed policies this template may name. SAM adds the two Lambda execution roles itself.
MANAGED_POLICIES = {
    "AWSLambdaBasicExecutionRole": "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
    "AWSLambdaVPCAccessExecutionRole": "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole",
}



def rewrite_code_uris(template: dict, code_uri: str) -> int:
    """Points every local CodeUri at code_uri; returns how many were rewritten."""
    rewritten = 0
    function_globals = template.get("Globals", {}).get("Function", {})
    if isinstance(function_globals.get("CodeUri"), str):
        function_globals["CodeUri"] = code_uri
        rewritten += 1
    for resource in template.get("Resources", {}).values():
        if not isinstance(resource, dict) or resource.get("Type") != "AWS::Serverless::Function":
            continue
        properties = resource.get("Properties", {})
        uri = properties.get("CodeUri")
        if isinstance(uri, str) and not uri.startswith("s3://"):
            properties["CodeUri"] = code_uri
            rewritten += 1
    return rewritten


def main(argv: list) -> int:
    if len(argv) not in (4, 5) or not argv[3].startswith("s3://"):
        print(__doc__, file=sys.stderr)
        return 2
    template_path, output_path, code_uri = argv[1:4]
    region = argv[4] if len(argv) == 5 else "us-east-1"
    with open(template_path, encoding="utf-8") as f:
        template = yaml_parse(f.read())
    if rewrite_code_uris(template, code_uri) == 0:
        print("no local CodeUri found to rewrite", file=sys.stderr)
        return 1
    try:
        # A boto3 Session only names the region here; no client is created from it, and the
        # managed policy map is fixed, so the translation never calls AWS.
        translator = Translator(None, Parser(), boto_session=boto3.session.Session(region_name=region))
        translated = translator.translate(
            template, parameter_values={}, get_managed_policy_map=lambda: dict(MANAGED_POLICIES)
        )
    except InvalidDocumentException as e:
        for cause in e.causes:
            print("invalid SAM template: " + cause.message, file=sys.stderr)
        return 1
    with open(output_path, "w", encoding="utf-8") as f:
        json.dump(translated, f, indent=2, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
