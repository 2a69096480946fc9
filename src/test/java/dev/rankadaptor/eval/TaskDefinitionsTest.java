package dev.rankadaptor.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rankadaptor.common.Json;
import dev.rankadaptor.common.UserInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TaskDefinitionsTest {

    static DataRow row(String json) {
        try {
            return new DataRow("t.jsonl", 3, Json.compact().readTree(json.replace('\'', '"')));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static McItem mc(TaskKind kind, String json) {
        return (McItem) kind.definition().toItem(row(json));
    }

    @Test
    void boolqPromptAndYesFirst() {
        McItem item = mc(TaskKind.BOOLQ, "{'passage':'Sky is blue','question':'is the sky blue','label':1}");
        assertEquals("Sky is blue\nQuestion: is the sky blue?\nAnswer:", item.context());
        assertEquals(List.of(" yes", " no"), item.continuations());
        assertEquals(" yes", item.continuations().get(item.gold()));
    }

    @Test
    void boolqLabelZeroIsNoAndBooleanAnswerIsAccepted() {
        McItem no = mc(TaskKind.BOOLQ, "{'passage':'p','question':'q','label':0}");
        assertEquals(" no", no.continuations().get(no.gold()));
        McItem yes = mc(TaskKind.BOOLQ, "{'passage':'p','question':'q','answer':true}");
        assertEquals(" yes", yes.continuations().get(yes.gold()));
    }

    @Test
    void piqaPrompt() {
        McItem item = mc(TaskKind.PIQA, "{'goal':'open a jar','sol1':'twist the lid','sol2':'hit it','label':1}");
        assertEquals("Question: open a jar\nAnswer:", item.context());
        assertEquals(List.of(" twist the lid", " hit it"), item.continuations());
        assertEquals(1, item.gold());
    }

    @Test
    void hellaswagPreprocessing() {
        assertEquals("Hello. World now", HellaswagTask.preprocess("  Hello [title] World [header] now  "));
        assertEquals("a b", HellaswagTask.preprocess("a [x] b"));
        assertEquals("a  b", HellaswagTask.preprocess("a   b"), "one pass of replace, as Python's str.replace");
        assertEquals("a b c", HellaswagTask.preprocess("a  b  c"));
        assertEquals("x y", HellaswagTask.preprocess("x [a] [b]y"), "shortest bracket match");
        assertEquals("The man", HellaswagTask.capitalize("tHE MAN"));
        assertEquals("", HellaswagTask.capitalize(""));
        assertEquals("1st place", HellaswagTask.capitalize("1ST Place"));
    }

    @Test
    void hellaswagContextAndEndings() {
        McItem item = mc(TaskKind.HELLASWAG, "{'activity_label':'Removing ice from car','ctx_a':'Then, the man writes on the car.',"
                + "'ctx_b':'then','ctx':'ignored','endings':[', the man adds wax.',' he [title] stops  ','x','y'],'label':'3'}");
        assertEquals("Removing ice from car: Then, the man writes on the car. Then", item.context());
        assertEquals(List.of(" , the man adds wax.", " he. stops", " x", " y"), item.continuations());
        assertEquals(3, item.gold());
    }

    @Test
    void hellaswagWikihowHeaderAndTitleMarkers() {
        McItem item = mc(TaskKind.HELLASWAG, "{'activity_label':'Home and Garden','ctx_a':'[header] How to grow tomatoes [title] Pick a sunny spot.',"
                + "'ctx_b':'','endings':['a','b','c','d'],'label':0}");
        assertEquals("Home and Garden: How to grow tomatoes. Pick a sunny spot.", item.context());
    }

    @Test
    void winograndePartialContextsShareTheContinuation() {
        PartialItem item = (PartialItem) TaskKind.WINOGRANDE.definition().toItem(row(
                "{'sentence':'The trophy did not fit because _ was  too big. ','option1':'the trophy','option2':'the case','answer':'2'}"));
        assertEquals(List.of("The trophy did not fit because the trophy", "The trophy did not fit because the case"), item.contexts());
        assertEquals(" was  too big.", item.continuation());
        assertEquals(1, item.gold());
    }

    @Test
    void winograndeWithoutBlankNamesTheField() {
        UserInputException e = assertThrows(UserInputException.class, () -> TaskKind.WINOGRANDE.definition().toItem(
                row("{'sentence':'no blank','option1':'a','option2':'b','answer':'1'}")));
        assertEquals("t.jsonl:3: field 'sentence' has no blank '_' (expected a sentence with one '_' to fill)", e.getMessage());
    }

    @Test
    void arcPromptAndLetterKey() {
        McItem item = mc(TaskKind.ARC_EASY, "{'id':'x','question':'Which is hot?','choices':{'text':['ice','fire','snow','rain'],"
                + "'label':['A','B','C','D']},'answerKey':'B'}");
        assertEquals("Question: Which is hot?\nAnswer:", item.context());
        assertEquals(List.of(" ice", " fire", " snow", " rain"), item.continuations());
        assertEquals(1, item.gold());
    }

    @Test
    void arcNumericKeysMapToLetters() {
        for (int k = 1; k <= 4; k++) {
            McItem item = mc(TaskKind.ARC_CHALLENGE, "{'id':'x','question':'q','choices':{'text':['a','b','c','d'],"
                    + "'label':['1','2','3','4']},'answerKey':'" + k + "'}");
            assertEquals(k - 1, item.gold());
        }
    }

    @Test
    void arcKeyBeyondTheChoicesIsAnError() {
        UserInputException e = assertThrows(UserInputException.class, () -> mc(TaskKind.ARC_EASY,
                "{'id':'x','question':'q','choices':{'text':['a','b','c'],'label':['A','B','C']},'answerKey':'D'}"));
        assertEquals("t.jsonl:3: field 'answerKey' is 'D' (expected one of A,B,C or 1..3 for 3 choices)", e.getMessage());
    }

    @Test
    void openbookqaUsesTheBareStem() {
        McItem item = mc(TaskKind.OPENBOOKQA, "{'id':'7-980','question_stem':'The sun is responsible for',"
                + "'choices':{'text':['puppies','plants sprouting','rain','cold'],'label':['A','B','C','D']},'answerKey':' B '}");
        assertEquals("The sun is responsible for", item.context());
        assertEquals(" plants sprouting", item.continuations().get(item.gold()));
    }

    @Test
    void normLengthCountsCodePointsWithoutTheDelimiter() {
        McItem item = McItem.ofChoices("c", List.of("abc", "\uD835\uDD38é"), 0);
        assertEquals(3, item.normLength(0));
        assertEquals(2, item.normLength(1));
    }
}
