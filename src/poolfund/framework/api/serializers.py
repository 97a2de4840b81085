from rest_framework import serializers

from poolfund.framework.models import Objective, ThematicArea


class ObjectiveSerializer(serializers.ModelSerializer):
    thematic_area = serializers.SlugRelatedField(
        slug_field="number",
        read_only=True,
        allow_null=True,
        help_text="Thematic area number; null when cross-cutting.",
    )

    class Meta:
        model = Objective
        fields = ["number", "short_label", "title", "thematic_area"]


class ThematicAreaSerializer(serializers.ModelSerializer):
    objectives = serializers.SlugRelatedField(
        slug_field="number", many=True, read_only=True, help_text="Numbers of its objectives."
    )

    class Meta:
        model = ThematicArea
        fields = ["number", "description", "objectives"]
